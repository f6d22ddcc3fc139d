import GatehouseCommon
import OAuth2
import OAuthTestSupport
import Testing

struct ClientCredentialsGrantTests {
    let store = AuthorizationServerFixture.makeStore()

    @Test func issuesTokenWithoutRefreshToken() async throws {
        let server = makeAuthorizationServer(store: store)
        let response = await server.createTokenResponse(Fixture.token([("grant_type", "client_credentials"), ("scope", "profile")]))
        #expect(response.status == 200)
        #expect(response.isNoStore)
        let body = try #require(response.jsonBody)
        #expect(body["token_type"] == "Bearer")
        #expect(body["expires_in"] == 864_000)
        #expect(body["scope"] == "profile")
        #expect(body["refresh_token"] == nil)
        let accessToken = try #require(response.string("access_token"))
        let saved = try #require(store.token(accessToken: accessToken))
        #expect(saved.clientID == "confidential")
        #expect(saved.userID == nil)
    }

    @Test func clientSecretPostIsAccepted() async {
        let server = makeAuthorizationServer(store: store)
        let response = await server.createTokenResponse(
            Fixture.token(
                [("grant_type", "client_credentials"), ("client_id", "post-client"), ("client_secret", "p0st-secret")],
                basic: nil
            )
        )
        #expect(response.status == 200)
    }

    @Test func publicClientIsRefused() async {
        let server = makeAuthorizationServer(store: store)
        let response = await server.createTokenResponse(
            Fixture.token(
                [("grant_type", "client_credentials"), ("client_id", "public")],
                basic: nil
            )
        )
        #expect(response.status == 401)
        #expect(response.errorCode == "invalid_client")
    }

    @Test func clientNotAllowedTheGrantIsUnauthorizedClient() async {
        store.addClient(MemoryClient(clientID: "limited", clientSecret: "x", grantTypes: [.authorizationCode]))
        let server = makeAuthorizationServer(store: store)
        let response = await server.createTokenResponse(
            Fixture.token(
                [("grant_type", "client_credentials")],
                basic: ("limited", "x")
            )
        )
        #expect(response.errorCode == "unauthorized_client")
        #expect(response.status == 400)
    }

    @Test func scopeOutsideScopesSupportedIsInvalidScope() async {
        var configuration = AuthorizationServer.Configuration()
        configuration.scopesSupported = ["profile"]
        let server = makeAuthorizationServer(store: store, configuration: configuration)
        let response = await server.createTokenResponse(Fixture.token([("grant_type", "client_credentials"), ("scope", "profile admin")]))
        #expect(response.errorCode == "invalid_scope")
        #expect(response.isNoStore)
    }

    @Test func scopeIsNarrowedToClientScope() async {
        let server = makeAuthorizationServer(store: store)
        let response = await server.createTokenResponse(Fixture.token([("grant_type", "client_credentials"), ("scope", "profile admin")]))
        #expect(response.string("scope") == "profile")
    }

    @Test func configChangesExpiresIn() async {
        var configuration = AuthorizationServer.Configuration()
        configuration.tokenLifetimes[.clientCredentials] = 120
        var server = makeAuthorizationServer(store: store, configuration: configuration)
        var response = await server.createTokenResponse(Fixture.token([("grant_type", "client_credentials")]))
        #expect(response.jsonBody?["expires_in"] == 120)

        configuration.tokenExpiresIn = [.clientCredentials: 60]
        server = makeAuthorizationServer(store: store, configuration: configuration)
        response = await server.createTokenResponse(Fixture.token([("grant_type", "client_credentials")]))
        #expect(response.jsonBody?["expires_in"] == 60)
    }

    @Test func customAccessTokenGeneratorIsUsed() async {
        var configuration = AuthorizationServer.Configuration()
        configuration.accessTokenGenerator = { request in "custom-\(request.client.clientID)-\(request.grantType.rawValue)" }
        let server = makeAuthorizationServer(store: store, configuration: configuration)
        let response = await server.createTokenResponse(Fixture.token([("grant_type", "client_credentials")]))
        #expect(response.string("access_token") == "custom-confidential-client_credentials")
    }

    @Test func errorURIsAreAdded() async {
        var configuration = AuthorizationServer.Configuration()
        configuration.errorURIs = ["invalid_client": "https://developer.example/errors#invalid-client"]
        let server = makeAuthorizationServer(store: store, configuration: configuration)
        let response = await server.createTokenResponse(
            Fixture.token([("grant_type", "client_credentials")], basic: ("confidential", "wrong"))
        )
        #expect(response.string("error_uri") == "https://developer.example/errors#invalid-client")
    }
}
