import Foundation
import GatehouseCommon
import NIOHTTP1
import OAuth2
import OAuthClient
import OAuthTestSupport
import Synchronization
import Testing

/// Each compliance hook stage changes what passes through it.
struct ComplianceHookTests {
    func session(_ provider: TestProvider) -> OAuth2Session {
        OAuth2Session(
            clientID: AuthorizationServerFixture.confidentialClient.clientID,
            clientSecret: AuthorizationServerFixture.confidentialClient.clientSecret,
            tokenEndpoint: provider.base + "/oauth/token",
            revocationEndpoint: provider.base + "/oauth/revoke"
        )
    }

    @Test func accessTokenResponseHookFixesANonConformingAnswer() async throws {
        try await withProvider { provider in
            let session = session(provider)
            let url = provider.base + "/quirky/token"
            let before = await #expect(throws: OAuthClientError.self) { try await session.fetchClientCredentialsToken(url: url) }
            #expect(before?.code == .malformedResponse)

            session.registerComplianceHook(.accessTokenResponse) { response in
                var response = response
                response.body = Array(response.text.replacing("\"token\"", with: "\"access_token\"").utf8)
                return response
            }
            let token = try await session.fetchClientCredentialsToken(url: url)
            #expect(token.accessToken == "quirk-123")
            #expect(token.expiresIn == 3600)
            #expect(token.isBearer)
        }
    }

    @Test func accessTokenRequestHookChangesTheTokenRequest() async throws {
        try await withProvider { provider in
            let session = session(provider)
            session.registerComplianceHook(.accessTokenRequest) { request in
                var request = request
                request.headers[HTTPField.Name("X-Fix")!] = "access"
                return request
            }
            try await session.fetchClientCredentialsToken()
            #expect(provider.seen.withLock { $0.last?.headers["x-fix"] } == "access")
        }
    }

    @Test func refreshHooksChangeTheRefreshRequestAndAnswer() async throws {
        try await withProvider { provider in
            let session = session(provider)
            session.registerComplianceHook(.refreshTokenRequest) { request in
                var request = request
                request.headers[HTTPField.Name("X-Fix")!] = "refresh"
                return request
            }
            session.registerComplianceHook(.refreshTokenResponse) { response in
                var object = try #require(response.jsonObject)
                object["fixed"] = true
                var response = response
                response.body = JSONValue.encode(object)
                return response
            }
            try await session.fetchToken(username: "alice", password: "wonderland")
            let token = try await session.refreshToken()
            #expect(token.extra["fixed"] == true)
            #expect(provider.seen.withLock { $0.last?.headers["x-fix"] } == "refresh")
        }
    }

    @Test func protectedRequestHookChangesTheResourceRequest() async throws {
        try await withProvider { provider in
            let session = session(provider)
            try await session.fetchClientCredentialsToken()
            session.registerComplianceHook(.protectedRequest) { request in
                var request = request
                request.url += "?via=hook"
                return request
            }
            let response = try await session.request(.get, provider.base + "/api/me")
            #expect(response.status == 200)
            #expect(provider.seen.withLock { $0.last?.target } == "/api/me?via=hook")
        }
    }

    @Test func revokeTokenRequestHookChangesTheRevocationRequest() async throws {
        try await withProvider { provider in
            let session = session(provider)
            let token = try await session.fetchToken(username: "alice", password: "wonderland")
            // A provider that only accepts access tokens: revoke that one instead of the refresh token.
            session.registerComplianceHook(.revokeTokenRequest) { request in
                var request = request
                var form = try #require(try request.formParameters())
                form.set("token", token.accessToken)
                form.set("token_type_hint", "access_token")
                request.setForm(form)
                return request
            }
            try await session.revokeToken()
            #expect(provider.store.token(accessToken: token.accessToken)?.isRevoked == true)
            let body = try #require(provider.seen.withLock { $0.last?.body })
            #expect(body.contains("token_type_hint=access_token"))
        }
    }

    @Test func failingHookIsHookFailed() async throws {
        struct Refused: Error {}
        try await withProvider { provider in
            let session = session(provider)
            session.registerComplianceHook(.accessTokenRequest) { _ in throw Refused() }
            let error = await #expect(throws: OAuthClientError.self) { try await session.fetchClientCredentialsToken() }
            #expect(error?.code == .hookFailed)
        }
    }

    @Test func oauth1ProtectedRequestHookChangesAreSigned() async throws {
        try await withProvider { provider in
            let session = OAuth1Session(
                clientID: TestProvider.oauth1ClientID,
                clientSecret: TestProvider.oauth1ClientSecret,
                callbackURI: TestProvider.callback
            )
            try await login(session, provider)
            session.registerComplianceHook(.protectedRequest) { request in
                var request = request
                request.url += "?lang=en"
                return request
            }
            let response = try await session.request(.get, provider.base + "/oauth1/photos")
            #expect(response.status == 200)
            #expect(provider.seen.withLock { $0.last?.target } == "/oauth1/photos?lang=en")
        }
    }

    @Test func oauth1RequestTokenHooksChangeRequestAndAnswer() async throws {
        try await withProvider { provider in
            let session = OAuth1Session(
                clientID: TestProvider.oauth1ClientID,
                clientSecret: TestProvider.oauth1ClientSecret,
                callbackURI: TestProvider.callback
            )
            session.registerComplianceHook(.requestTokenRequest) { request in
                var request = request
                request.headers[HTTPField.Name("X-Fix")!] = "initiate"
                return request
            }
            session.registerComplianceHook(.requestTokenResponse) { response in
                var response = response
                response.body += Array("&fixed=yes".utf8)
                return response
            }
            let temporary = try await session.fetchRequestToken(url: provider.base + "/oauth1/initiate")
            #expect(temporary.extra["fixed"] == "yes")
            #expect(provider.seen.withLock { $0.last?.headers["x-fix"] } == "initiate")
        }
    }
}
