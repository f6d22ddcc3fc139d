import Foundation
import GatehouseCommon
import InteropTestSupport
import OAuth1
import OAuth2
import OAuthClient
import Testing

/// Gatehouse's client sessions against a provider this project did not write: Authlib's own
/// OAuth 1 and OAuth 2 server classes on Flask (``AuthlibProvider``), live on loopback.
struct IndependentProviderTests {
    typealias Provider = AuthlibProvider

    func session(
        _ provider: AuthlibProvider,
        clientID: String = Provider.basicClient.id,
        clientSecret: String? = Provider.basicClient.secret,
        method: ClientAuthMethod? = nil,
        leeway: Int = 60,
        updateToken: OAuth2Session.UpdateToken? = nil
    ) -> OAuth2Session {
        OAuth2Session(
            clientID: clientID,
            clientSecret: clientSecret,
            tokenEndpointAuthMethod: method,
            scope: "profile",
            redirectURI: Provider.redirectURI,
            authorizationEndpoint: provider.base + "/oauth/authorize",
            tokenEndpoint: provider.base + "/oauth/token",
            revocationEndpoint: provider.base + "/oauth/revoke",
            leeway: leeway,
            updateToken: updateToken
        )
    }

    /// The browser's round trip: authorization URL, the provider's redirect, the checked callback.
    func authorize(
        _ session: OAuth2Session,
        at provider: AuthlibProvider
    ) async throws -> (request: OAuth2AuthorizationRequest, callback: OAuth2AuthorizationResponse) {
        let start = try session.createAuthorizationURL()
        let location = try await provider.visit(start.url)
        #expect(location.hasPrefix(Provider.redirectURI + "?"))
        return (start, try session.parseAuthorizationResponse(location, state: start.state))
    }

    // MARK: - OAuth 2

    @Test func authorizationCodeWithStateAndPKCELogsInAndCallsTheAPI() async throws {
        try await withAuthlibProvider { provider in
            let session = session(provider)
            let start = try session.createAuthorizationURL()
            let query = try FormURLEncoding.decode(start.url.split(separator: "?", maxSplits: 1)[1])
            #expect(query["state"] == start.state)
            #expect(query["code_challenge_method"] == "S256")
            let location = try await provider.visit(start.url)

            // The provider echoes the state and names itself (RFC 9207); a different state is refused.
            let mismatch = #expect(throws: OAuthClientError.self) {
                try session.parseAuthorizationResponse(location, state: "another-flow")
            }
            #expect(mismatch?.code == .stateMismatch)
            let callback = try session.parseAuthorizationResponse(location, state: start.state)
            #expect(callback.issuer == provider.base)

            // client_secret_basic with a secret full of reserved characters (RFC 6749 §2.3.1).
            let token = try await session.fetchToken(code: callback.code, codeVerifier: start.codeVerifier)
            #expect(token.isBearer)
            #expect(token.refreshToken != nil)
            #expect(token.expiresIn == 3600)
            #expect(token.scope == "profile")

            let me = try await session.request(.get, provider.base + "/api/me")
            #expect(me.status == 200, "\(me.text)")
            #expect(me.jsonObject?["id"]?.stringValue == Provider.userID)
            #expect(me.jsonObject?["client_id"]?.stringValue == Provider.basicClient.id)

            // Authlib deletes a used code.
            let reuse = await #expect(throws: OAuthClientError.self) {
                try await session.fetchToken(code: callback.code, codeVerifier: start.codeVerifier)
            }
            #expect(reuse?.oauthError == .invalidGrant)
        }
    }

    @Test func wrongCodeVerifierIsRefusedByAuthlib() async throws {
        try await withAuthlibProvider { provider in
            let session = session(provider)
            let (_, callback) = try await authorize(session, at: provider)
            let error = await #expect(throws: OAuthClientError.self) {
                try await session.fetchToken(code: callback.code, codeVerifier: String(repeating: "v", count: 50))
            }
            #expect(error?.code == .providerError)
            #expect(error?.oauthError == .invalidGrant)
            #expect(error?.status == 400)
        }
    }

    @Test(arguments: [
        (Provider.postClient.id, Provider.postClient.secret as String?, ClientAuthMethod.clientSecretPost),
        (Provider.publicClientID, nil, ClientAuthMethod.none),
    ])
    func otherClientAuthMethodsExchangeTheCode(clientID: String, secret: String?, method: ClientAuthMethod) async throws {
        try await withAuthlibProvider { provider in
            let session = session(provider, clientID: clientID, clientSecret: secret, method: method)
            let (start, callback) = try await authorize(session, at: provider)
            try await session.fetchToken(code: callback.code, codeVerifier: start.codeVerifier)
            let me = try await session.request(.get, provider.base + "/api/me")
            #expect(me.status == 200, "\(me.text)")
            #expect(me.jsonObject?["client_id"]?.stringValue == clientID)
            // The revocation endpoint takes the same client authentication.
            #expect(try await session.revokeToken().status == 200)
            #expect(try await session.request(.get, provider.base + "/api/me").status == 401)
        }
    }

    @Test func wrongClientSecretIsTypedInvalidClient() async throws {
        try await withAuthlibProvider { provider in
            let session = session(provider, clientSecret: "not-the-secret")
            let (start, callback) = try await authorize(session, at: provider)
            let error = await #expect(throws: OAuthClientError.self) {
                try await session.fetchToken(code: callback.code, codeVerifier: start.codeVerifier)
            }
            #expect(error?.oauthError == .invalidClient)
            #expect(error?.status == 401)
        }
    }

    @Test func deniedConsentIsTypedAccessDenied() async throws {
        try await withAuthlibProvider { provider in
            let session = session(provider)
            let start = try session.createAuthorizationURL(provider.base + "/oauth/deny")
            let location = try await provider.visit(start.url)
            let error = #expect(throws: OAuthClientError.self) {
                try session.parseAuthorizationResponse(location, state: start.state)
            }
            #expect(error?.code == .providerError)
            #expect(error?.oauthError == .accessDenied)
        }
    }

    @Test func expiredTokenIsRefreshedBeforeTheCallAndUpdateTokenCalled() async throws {
        try await withAuthlibProvider(accessTokenLifetime: 2) { provider in
            let updates = LockedValue<[(token: Token, previous: Token?)]>([])
            let session = session(provider, leeway: 0) { token, previous in
                updates.withLock { $0.append((token, previous)) }
            }
            let (start, callback) = try await authorize(session, at: provider)
            let old = try await session.fetchToken(code: callback.code, codeVerifier: start.codeVerifier)
            #expect(old.expiresIn == 2)
            #expect(try await session.request(.get, provider.base + "/api/me").status == 200)
            #expect(updates.withLock { $0.isEmpty })

            try await Task.sleep(for: .seconds(3))
            #expect(old.isExpired(leeway: 0))
            // Authlib itself refuses the expired access token ...
            let stale = try await session.request(.get, provider.base + "/api/me", token: old)
            #expect(stale.status == 401)
            #expect(stale.headers[.wwwAuthenticate]?.contains("invalid_token") == true)

            // ... so the session refreshes it first, and tells the application.
            let me = try await session.request(.get, provider.base + "/api/me")
            #expect(me.status == 200, "\(me.text)")
            let update = try #require(updates.withLock { $0.first })
            #expect(updates.withLock { $0.count } == 1)
            #expect(update.previous == old)
            #expect(update.token == session.token)
            #expect(update.token.accessToken != old.accessToken)
            // Authlib rotates refresh tokens: the old one is spent, the session kept the new one.
            let refreshToken = try #require(update.token.refreshToken)
            #expect(refreshToken != old.refreshToken)
            let spent = await #expect(throws: OAuthClientError.self) {
                try await session.refreshToken(refreshToken: old.refreshToken)
            }
            #expect(spent?.oauthError == .invalidGrant)
        }
    }

    @Test func revokedRefreshTokenEndsTheGrant() async throws {
        try await withAuthlibProvider { provider in
            let session = session(provider)
            let (start, callback) = try await authorize(session, at: provider)
            let token = try await session.fetchToken(code: callback.code, codeVerifier: start.codeVerifier)
            #expect(try await session.request(.get, provider.base + "/api/me").status == 200)

            // The session revokes its refresh token (token_type_hint=refresh_token, RFC 7009 §2.1).
            let revoked = try await session.revokeToken()
            #expect(revoked.status == 200)
            #expect(try await session.request(.get, provider.base + "/api/me").status == 401)
            let refresh = await #expect(throws: OAuthClientError.self) { try await session.refreshToken() }
            #expect(refresh?.oauthError == .invalidGrant)
            // Revoking an unknown or already revoked token still answers 200 (RFC 7009 §2.2).
            #expect(try await session.revokeToken(token: token.accessToken, hint: .accessToken).status == 200)
        }
    }

    @Test func clientCredentialsTokenIsFetchedAgainWhenExpired() async throws {
        try await withAuthlibProvider(accessTokenLifetime: 2) { provider in
            let updates = LockedValue(0)
            let session = session(provider, leeway: 0) { _, _ in updates.withLock { $0 += 1 } }
            let first = try await session.fetchClientCredentialsToken()
            #expect(first.refreshToken == nil)
            let me = try await session.request(.get, provider.base + "/api/me")
            #expect(me.status == 200, "\(me.text)")
            #expect(me.jsonObject?["id"] == .null)
            #expect(me.jsonObject?["client_id"]?.stringValue == Provider.basicClient.id)

            try await Task.sleep(for: .seconds(3))
            #expect(try await session.request(.get, provider.base + "/api/me").status == 200)
            #expect(updates.withLock { $0 } == 1)
            #expect(session.token?.accessToken != first.accessToken)
        }
    }

    @Test func discoveryFromTheMetadataDocumentDrivesTheWholeFlow() async throws {
        try await withAuthlibProvider { provider in
            let session = OAuth2Session(
                clientID: Provider.basicClient.id,
                clientSecret: Provider.basicClient.secret,
                scope: "profile",
                redirectURI: Provider.redirectURI
            )
            let metadata = try await session.discover(issuer: provider.base)
            #expect(metadata.issuer == provider.base)
            #expect(metadata.tokenEndpoint == provider.base + "/oauth/token")
            #expect(metadata.revocationEndpoint == provider.base + "/oauth/revoke")
            #expect(metadata.codeChallengeMethodsSupported == ["S256"])
            #expect(metadata.tokenEndpointAuthMethodsSupported.contains(.clientSecretBasic))
            #expect(metadata.authorizationResponseIssParameterSupported)

            let start = try session.createAuthorizationURL()
            #expect(start.url.hasPrefix(provider.base + "/oauth/authorize?"))
            let location = try await provider.visit(start.url)
            // RFC 9207 is advertised: a callback without `iss`, or with another issuer, is refused.
            let parameters = try FormURLEncoding.decode(location.split(separator: "?", maxSplits: 1)[1])
            var withoutIssuer = parameters
            withoutIssuer.pairs.removeAll { $0.name == "iss" }
            var foreignIssuer = withoutIssuer
            foreignIssuer.append("iss", "https://attacker.example")
            for forged in [withoutIssuer, foreignIssuer] {
                let error = #expect(throws: OAuthClientError.self) {
                    try session.parseAuthorizationResponse(FormURLEncoding.encode(forged), state: start.state)
                }
                #expect(error?.code == .issuerMismatch)
            }
            let callback = try session.parseAuthorizationResponse(location, state: start.state)
            try await session.fetchToken(code: callback.code, codeVerifier: start.codeVerifier)
            #expect(try await session.request(.get, provider.base + "/api/me").status == 200)
            #expect(try await session.revokeToken().status == 200)

            // The document can also be loaded from its URL directly (Authlib's server_metadata_url).
            let direct = OAuth2Session(clientID: Provider.basicClient.id)
            try await direct.loadServerMetadata(from: provider.base + "/.well-known/oauth-authorization-server")
            #expect(direct.metadata.authorizationEndpoint == provider.base + "/oauth/authorize")
        }
    }

    // MARK: - OAuth 1

    func oauth1Session(_ method: SignatureMethod, placement: OAuth1Request.ParameterLocation) throws -> OAuth1Session {
        OAuth1Session(
            clientID: method == .rsaSHA1 ? Provider.rsaClientID : Provider.hmacClient.id,
            clientSecret: method == .rsaSHA1 ? "" : Provider.hmacClient.secret,
            signatureMethod: method,
            signaturePlacement: placement,
            rsaPrivateKey: method == .rsaSHA1 ? try Provider.rsaPrivateKey() : nil,
            callbackURI: Provider.redirectURI
        )
    }

    @Test(arguments: [
        (SignatureMethod.hmacSHA1, OAuth1Request.ParameterLocation.header),
        (.rsaSHA1, .header),
        (.hmacSHA1, .query),
    ])
    func threeLeggedFlowThenSignedCall(method: SignatureMethod, placement: OAuth1Request.ParameterLocation) async throws {
        try await withAuthlibProvider { provider in
            let session = try oauth1Session(method, placement: placement)
            let temporary = try await session.fetchRequestToken(url: provider.base + "/oauth1/request_token")
            #expect(temporary.callbackConfirmed)

            let location = try await provider.visit(try session.createAuthorizationURL(provider.base + "/oauth1/authorize"))
            #expect(location.hasPrefix(Provider.redirectURI + "?"))
            let callback = try session.parseAuthorizationResponse(location)
            #expect(callback.oauthToken == temporary.oauthToken)

            let token = try await session.fetchAccessToken(url: provider.base + "/oauth1/access_token")
            #expect(token.oauthToken != temporary.oauthToken)
            #expect(!token.oauthTokenSecret.isEmpty)

            // Query parameters that need encoding take part in the signature (RFC 5849 §3.4.1.3).
            let me = try await session.request(.get, provider.base + "/api/oauth1/me?fields=id%2Cclient_id&note=a%20b~c")
            #expect(me.status == 200, "\(me.text)")
            #expect(me.jsonObject?["id"]?.stringValue == Provider.userID)
            #expect(me.jsonObject?["client_id"]?.stringValue == session.clientID)

            // Authlib spent the temporary credential.
            session.setToken(temporary)
            let again = await #expect(throws: OAuthClientError.self) {
                try await session.fetchAccessToken(url: provider.base + "/oauth1/access_token", verifier: callback.verifier)
            }
            #expect(again?.code == .providerError)
            #expect(again?.error == "invalid_token")
        }
    }

    @Test func wrongConsumerSecretIsTypedInvalidSignature() async throws {
        try await withAuthlibProvider { provider in
            let session = OAuth1Session(clientID: Provider.hmacClient.id, clientSecret: "not-the-secret", callbackURI: Provider.redirectURI)
            let error = await #expect(throws: OAuthClientError.self) {
                try await session.fetchRequestToken(url: provider.base + "/oauth1/request_token")
            }
            #expect(error?.code == .providerError)
            #expect(error?.error == "invalid_signature")
            #expect(error?.status == 401)
        }
    }

    @Test func deniedOAuth1AuthorizationIsTypedAccessDenied() async throws {
        try await withAuthlibProvider { provider in
            let session = try oauth1Session(.hmacSHA1, placement: .header)
            try await session.fetchRequestToken(url: provider.base + "/oauth1/request_token")
            let location = try await provider.visit(try session.createAuthorizationURL(provider.base + "/oauth1/deny"))
            let error = #expect(throws: OAuthClientError.self) { try session.parseAuthorizationResponse(location) }
            #expect(error?.code == .providerError)
            #expect(error?.error == "access_denied")
        }
    }
}
