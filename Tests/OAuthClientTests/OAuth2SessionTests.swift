import Foundation
import GatehouseCommon
import NIOHTTP1
import OAuth2
import OAuthClient
import OAuthTestSupport
import Testing

/// End-to-end OAuth 2 flows against Gatehouse's own OAuth 2 core on a loopback port.
struct OAuth2SessionTests {
    static let confidential = AuthorizationServerFixture.confidentialClient

    func session(
        _ provider: TestProvider,
        clientID: String = confidential.clientID,
        clientSecret: String? = confidential.clientSecret,
        method: ClientAuthMethod? = nil,
        updateToken: OAuth2Session.UpdateToken? = nil
    ) -> OAuth2Session {
        OAuth2Session(
            clientID: clientID,
            clientSecret: clientSecret,
            tokenEndpointAuthMethod: method,
            redirectURI: TestProvider.callback,
            authorizationEndpoint: provider.base + "/oauth/authorize",
            tokenEndpoint: provider.base + "/oauth/token",
            revocationEndpoint: provider.base + "/oauth/revoke",
            updateToken: updateToken
        )
    }

    @Test func authorizationCodeWithPKCELogsInAndCallsProtectedRoute() async throws {
        try await withProvider { provider in
            let session = session(provider)
            let start = try session.createAuthorizationURL(scope: "profile")
            #expect(start.url.contains("code_challenge_method=S256"))
            let verifier = try #require(start.codeVerifier)
            #expect(CodeChallenge.isWellFormed(verifier))

            let location = try await provider.visit(start.url)
            let callback = try session.parseAuthorizationResponse(location, state: start.state)
            let stored = try #require(provider.store.code(callback.code))
            #expect(stored.codeChallenge == CodeChallenge.challenge(for: verifier, method: .s256))

            let token = try await session.fetchToken(code: callback.code, codeVerifier: verifier)
            #expect(token.refreshToken != nil)
            #expect(token.expiresAt != nil)
            #expect(session.token == token)

            let response = try await session.request(.get, provider.base + "/api/me")
            #expect(response.status == 200)
            #expect(response.jsonObject?["user"]?.stringValue == AuthorizationServerFixture.user.userID)
        }
    }

    @Test func wrongCodeVerifierIsInvalidGrant() async throws {
        try await withProvider { provider in
            let session = session(provider)
            let start = try session.createAuthorizationURL(scope: "profile")
            let callback = try session.parseAuthorizationResponse(await provider.visit(start.url), state: start.state)
            let error = await #expect(throws: OAuthClientError.self) {
                try await session.fetchToken(code: callback.code, codeVerifier: String(repeating: "x", count: 50))
            }
            #expect(error?.code == .providerError)
            #expect(error?.oauthError == .invalidGrant)
            #expect(error?.status == 400)
        }
    }

    @Test func expiredTokenIsRefreshedBeforeRequestAndUpdateTokenIsCalled() async throws {
        try await withProvider { provider in
            let updates = LockedValue<[(Token, Token?)]>([])
            let session = session(provider) { token, previous in updates.withLock { $0.append((token, previous)) } }
            var old = try await session.fetchToken(username: "alice", password: "wonderland", scope: "profile")
            // Expired on both sides: the provider would refuse the old access token.
            provider.store.updateToken(accessToken: old.accessToken) { $0.issuedAt = Date(timeIntervalSinceNow: -7200) }
            old.expiresAt = Int(Date().timeIntervalSince1970) - 1
            session.setToken(old)

            let response = try await session.request(.get, provider.base + "/api/me")
            #expect(response.status == 200)
            let recorded = updates.withLock { $0 }
            #expect(recorded.count == 1)
            let (fresh, previous) = try #require(recorded.first)
            #expect(previous?.accessToken == old.accessToken)
            #expect(fresh.accessToken != old.accessToken)
            #expect(session.token?.accessToken == fresh.accessToken)
        }
    }

    @Test func tokenInsideLeewayIsRefreshedButNotOneOutsideIt() async throws {
        try await withProvider { provider in
            let calls = LockedValue(0)
            let session = session(provider) { _, _ in calls.withLock { $0 += 1 } }
            var token = try await session.fetchToken(username: "alice", password: "wonderland")
            token.expiresAt = Int(Date().timeIntervalSince1970) + 120
            session.setToken(token)
            _ = try await session.request(.get, provider.base + "/api/me")
            #expect(calls.withLock { $0 } == 0)

            token.expiresAt = Int(Date().timeIntervalSince1970) + 30
            session.setToken(token)
            _ = try await session.request(.get, provider.base + "/api/me")
            #expect(calls.withLock { $0 } == 1)
        }
    }

    @Test func concurrentRequestsShareOneRefresh() async throws {
        try await withProvider { provider in
            let calls = LockedValue(0)
            let session = session(provider) { _, _ in calls.withLock { $0 += 1 } }
            var token = try await session.fetchToken(username: "alice", password: "wonderland")
            token.expiresAt = Int(Date().timeIntervalSince1970) - 1
            session.setToken(token)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 {
                    group.addTask { try await session.request(.get, provider.base + "/api/me").status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 6))
            #expect(calls.withLock { $0 } == 1)
        }
    }

    @Test func expiredClientCredentialsTokenIsFetchedAgain() async throws {
        try await withProvider { provider in
            let calls = LockedValue(0)
            let session = session(provider) { _, _ in calls.withLock { $0 += 1 } }
            var token = try await session.fetchClientCredentialsToken(scope: "profile")
            token.expiresAt = Int(Date().timeIntervalSince1970) - 1
            token.refreshToken = nil
            session.setToken(token)
            let response = try await session.request(.get, provider.base + "/api/me")
            #expect(response.status == 200)
            #expect(calls.withLock { $0 } == 1)
            #expect(session.token?.accessToken != token.accessToken)
        }
    }

    @Test func revokedTokenNoLongerOpensProtectedRoute() async throws {
        try await withProvider { provider in
            let session = session(provider)
            let token = try await session.fetchToken(username: "alice", password: "wonderland")
            #expect(try await session.request(.get, provider.base + "/api/me").status == 200)
            let answer = try await session.revokeToken()
            #expect(answer.status == 200)
            let seen = try #require(provider.seen.withLock { $0.last })
            #expect(seen.body.contains("token_type_hint=refresh_token"))
            let after = try await session.request(.get, provider.base + "/api/me", token: token)
            #expect(after.status == 401)
        }
    }

    @Test func clientCredentialsWithClientSecretPost() async throws {
        try await withProvider { provider in
            let client = AuthorizationServerFixture.postClient
            let session = session(provider, clientID: client.clientID, clientSecret: client.clientSecret, method: .clientSecretPost)
            let token = try await session.fetchClientCredentialsToken(scope: "profile")
            #expect(token.refreshToken == nil)
            let seen = try #require(provider.seen.withLock { $0.last })
            #expect(seen.body.contains("client_secret=p0st-secret"))
            #expect(seen.headers["authorization"] == nil)
            let response = try await session.request(.get, provider.base + "/api/me")
            #expect(response.jsonObject?["client"]?.stringValue == client.clientID)
        }
    }

    @Test func publicClientUsesNoneWithPKCE() async throws {
        try await withProvider { provider in
            let session = OAuth2Session(
                clientID: AuthorizationServerFixture.publicClient.clientID,
                redirectURI: "http://127.0.0.1/callback",
                authorizationEndpoint: provider.base + "/oauth/authorize",
                tokenEndpoint: provider.base + "/oauth/token"
            )
            #expect(session.tokenEndpointAuthMethod == .none)
            let start = try session.createAuthorizationURL(scope: "profile")
            let callback = try session.parseAuthorizationResponse(await provider.visit(start.url), state: start.state)
            try await session.fetchToken(code: callback.code, codeVerifier: start.codeVerifier)
            let seen = try #require(provider.seen.withLock { $0.last })
            #expect(seen.body.contains("client_id=public"))
            #expect(seen.body.contains("code_verifier="))
            #expect(seen.headers["authorization"] == nil)
            #expect(try await session.request(.get, provider.base + "/api/me").status == 200)
        }
    }

    @Test func wrongClientSecretIsInvalidClient() async throws {
        try await withProvider { provider in
            let session = session(provider, clientSecret: "wrong")
            let error = await #expect(throws: OAuthClientError.self) {
                try await session.fetchClientCredentialsToken()
            }
            #expect(error?.code == .providerError)
            #expect(error?.oauthError == .invalidClient)
            #expect(error?.status == 401)
        }
    }

    @Test func wrongPasswordIsInvalidGrant() async throws {
        try await withProvider { provider in
            let error = await #expect(throws: OAuthClientError.self) {
                try await session(provider).fetchToken(username: "alice", password: "nope")
            }
            #expect(error?.oauthError == .invalidGrant)
            #expect(error?.errorDescription != nil)
        }
    }

    @Test(arguments: [
        ("/broken/not-json", OAuthClientError.Code.malformedResponse),
        ("/broken/server-error", .unexpectedStatus),
        ("/broken/no-access-token", .malformedResponse),
    ])
    func unusableTokenAnswersAreErrors(path: String, code: OAuthClientError.Code) async throws {
        try await withProvider { provider in
            let error = await #expect(throws: OAuthClientError.self) {
                try await session(provider).fetchClientCredentialsToken(url: provider.base + path)
            }
            #expect(error?.code == code)
        }
    }

    @Test func unreachableProviderIsConnectionFailed() async throws {
        let session = OAuth2Session(clientID: "c", clientSecret: "s", tokenEndpoint: "http://127.0.0.1:1/token", timeout: .seconds(1))
        let error = await #expect(throws: OAuthClientError.self) {
            try await session.fetchClientCredentialsToken()
        }
        #expect(error?.code == .connectionFailed)
    }

    @Test func requestWithoutTokenIsMissingToken() async throws {
        let session = OAuth2Session(clientID: "c")
        let error = await #expect(throws: OAuthClientError.self) {
            try await session.request(.get, "http://127.0.0.1:1/api")
        }
        #expect(error?.code == .missingToken)
    }

    @Test func deniedAuthorizationIsProviderErrorNotStateError() async throws {
        try await withProvider { provider in
            let session = session(provider)
            let start = try session.createAuthorizationURL(provider.base + "/oauth/deny", scope: "profile")
            let location = try await provider.visit(start.url)
            let error = #expect(throws: OAuthClientError.self) {
                try session.parseAuthorizationResponse(location, state: "another-state")
            }
            #expect(error?.code == .providerError)
            #expect(error?.oauthError == .accessDenied)
        }
    }

    @Test func callbackWithOtherStateIsRefused() throws {
        let session = OAuth2Session(clientID: "c")
        let error = #expect(throws: OAuthClientError.self) {
            try session.parseAuthorizationResponse("https://client.example/callback?code=abc&state=theirs", state: "mine")
        }
        #expect(error?.code == .stateMismatch)
        #expect(throws: OAuthClientError.self) {
            try session.parseAuthorizationResponse("code=abc", state: "mine")
        }
        let ok = try session.parseAuthorizationResponse("code=abc&state=mine", state: "mine")
        #expect(ok.code == "abc")
    }

    @Test func authorizationURLCarriesStateScopeNonceAndExtras() throws {
        let session = OAuth2Session(clientID: "app", redirectURI: "https://app.example/cb")
        let start = try session.createAuthorizationURL(
            "https://idp.example/authorize?tenant=1",
            scope: "openid profile",
            extraParameters: ["prompt": "consent"]
        )
        let query = try #require(start.url.split(separator: "?", maxSplits: 1).last)
        let parameters = try FormURLEncoding.decode(String(query))
        #expect(parameters["tenant"] == "1")
        #expect(parameters["response_type"] == "code")
        #expect(parameters["client_id"] == "app")
        #expect(parameters["redirect_uri"] == "https://app.example/cb")
        #expect(parameters["state"] == start.state)
        #expect(start.state.count == 30)
        #expect(parameters["nonce"] == start.nonce)
        #expect(start.nonce != nil)
        #expect(parameters["prompt"] == "consent")
        let plain = try session.createAuthorizationURL("https://idp.example/a", scope: "profile", state: "fixed", codeChallengeMethod: nil)
        #expect(plain.state == "fixed")
        #expect(plain.codeVerifier == nil)
        #expect(plain.nonce == nil)
        #expect(!plain.url.contains("code_challenge"))
    }
}
