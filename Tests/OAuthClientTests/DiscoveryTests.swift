import NIOHTTP1
import OAuth2
import OAuthClient
import OAuthTestSupport
import Testing

/// RFC 8414 and OpenID Connect discovery fill a session's endpoints.
struct DiscoveryTests {
    func bareSession() -> OAuth2Session {
        OAuth2Session(
            clientID: AuthorizationServerFixture.confidentialClient.clientID,
            clientSecret: AuthorizationServerFixture.confidentialClient.clientSecret,
            redirectURI: TestProvider.callback
        )
    }

    @Test func rfc8414MetadataFillsEndpointsForAFullLogin() async throws {
        try await withProvider { provider in
            let session = bareSession()
            let metadata = try await session.discover(issuer: provider.base)
            #expect(metadata.issuer == provider.base)
            #expect(session.metadata.tokenEndpoint == provider.base + "/oauth/token")
            #expect(session.metadata.revocationEndpoint == provider.base + "/oauth/revoke")

            let start = try session.createAuthorizationURL(scope: "profile")
            #expect(start.url.hasPrefix(provider.base + "/oauth/authorize?"))
            let location = try await provider.visit(start.url)
            let callback = try session.parseAuthorizationResponse(location, state: start.state)
            #expect(callback.issuer == provider.base)
            try await session.fetchToken(code: callback.code, codeVerifier: start.codeVerifier)
            try await session.revokeToken()
        }
    }

    @Test func openIDConfigurationIsTheFallback() async throws {
        try await withProvider { provider in
            let session = bareSession()
            try await session.discover(issuer: provider.base + "/tenant")
            #expect(session.metadata.issuer == provider.base + "/tenant")
            #expect(session.metadata.userinfoEndpoint == provider.base + "/api/me")
            let token = try await session.fetchToken(username: "alice", password: "wonderland")
            #expect(!token.accessToken.isEmpty)
        }
    }

    @Test func documentNamingAnotherIssuerIsRefused() async throws {
        try await withProvider { provider in
            let session = bareSession()
            let error = await #expect(throws: OAuthClientError.self) {
                try await session.loadServerMetadata(from: provider.base + "/evil/.well-known/openid-configuration")
            }
            #expect(error?.code == .issuerMismatch)
            #expect(session.metadata.tokenEndpoint == nil)
        }
    }

    @Test func callbackIssuerMustMatchTheDiscoveredOne() async throws {
        try await withProvider { provider in
            let session = bareSession()
            try await session.discover(issuer: provider.base)
            let forged = #expect(throws: OAuthClientError.self) {
                try session.parseAuthorizationResponse("code=c&state=s&iss=https%3A%2F%2Fevil.example", state: "s")
            }
            #expect(forged?.code == .issuerMismatch)
            let missing = #expect(throws: OAuthClientError.self) {
                try session.parseAuthorizationResponse("code=c&state=s", state: "s")
            }
            #expect(missing?.code == .issuerMismatch)
        }
    }

    @Test func configuredEndpointsWinOverDiscoveredOnes() async throws {
        try await withProvider { provider in
            let session = OAuth2Session(clientID: "c", tokenEndpoint: "https://configured.example/token")
            try await session.discover(issuer: provider.base)
            #expect(session.metadata.tokenEndpoint == "https://configured.example/token")
            #expect(session.metadata.authorizationEndpoint == provider.base + "/oauth/authorize")
        }
    }
}
