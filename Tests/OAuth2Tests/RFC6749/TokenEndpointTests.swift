import GatehouseCommon
import OAuth2
import OAuthTestSupport
import Testing

struct TokenEndpointTests {
    let store = AuthorizationServerFixture.makeStore()

    @Test func plainHTTPIsInsecureTransport() async {
        let server = makeAuthorizationServer(store: store)
        let request = OAuth2Request.formPost(
            "http://server.example/oauth/token",
            [("grant_type", "client_credentials")],
            basic: Fixture.basic
        )
        let response = await server.createTokenResponse(request)
        #expect(response.status == 400)
        #expect(response.errorCode == "insecure_transport")
    }

    @Test func loopbackHTTPIsInsecureToo() async {
        let server = makeAuthorizationServer(store: store)
        let request = OAuth2Request.formPost(
            "http://127.0.0.1:8080/oauth/token",
            [("grant_type", "client_credentials")],
            basic: Fixture.basic
        )
        #expect(await server.createTokenResponse(request).errorCode == "insecure_transport")
    }

    @Test func allowInsecureTransportServesHTTP() async {
        var configuration = AuthorizationServer.Configuration()
        configuration.allowInsecureTransport = true
        let server = makeAuthorizationServer(store: store, configuration: configuration)
        let request = OAuth2Request.formPost("http://localhost/oauth/token", [("grant_type", "client_credentials")], basic: Fixture.basic)
        #expect(await server.createTokenResponse(request).status == 200)
    }

    @Test func missingGrantTypeIsInvalidRequest() async {
        let response = await makeAuthorizationServer(store: store).createTokenResponse(Fixture.token([]))
        #expect(response.errorCode == "invalid_request")
        #expect(response.isNoStore)
    }

    @Test func unknownGrantTypeIsUnsupported() async {
        let response = await makeAuthorizationServer(store: store).createTokenResponse(Fixture.token([("grant_type", "urn:nope")]))
        #expect(response.errorCode == "unsupported_grant_type")
    }

    @Test(arguments: ["grant_type", "scope", "code", "code_verifier", "refresh_token", "username", "password", "redirect_uri", "client_id"])
    func repeatedParameterIsInvalidRequest(name: String) async {
        let server = makeAuthorizationServer(store: store)
        let response = await server.createTokenResponse(Fixture.token([("grant_type", "client_credentials"), (name, "a"), (name, "b")]))
        #expect(response.errorCode == "invalid_request")
        #expect(response.status == 400)
    }

    @Test func getIsRefused() async throws {
        let server = makeAuthorizationServer(store: store)
        let request = try OAuth2Request(method: "GET", uri: Fixture.tokenURI, form: ["grant_type": "client_credentials"])
        let response = await server.createTokenResponse(request)
        #expect(response.status == 405)
        #expect(response.errorCode == "invalid_request")
    }

    @Test func failingHookIsServerErrorWithoutDetails() async {
        struct StoreDown: Error {}
        let server = makeAuthorizationServer(store: store)
        server.saveToken = { _, _ in throw StoreDown() }
        let response = await server.createTokenResponse(Fixture.token([("grant_type", "client_credentials")]))
        #expect(response.status == 500)
        #expect(response.errorCode == "server_error")
        #expect(!response.bodyText.contains("StoreDown"))
    }

    @Test func hooksCanBeSetAfterInitBeforeServing() async {
        let unconfigured = AuthorizationServer()
        unconfigured.registerGrant(ClientCredentialsGrant())
        #expect(await unconfigured.createTokenResponse(Fixture.token([("grant_type", "client_credentials")])).status == 500)
        let server = AuthorizationServer()
        server.registerGrant(ClientCredentialsGrant())
        server.queryClient = store.queryClient
        server.saveToken = store.saveToken
        #expect(await server.createTokenResponse(Fixture.token([("grant_type", "client_credentials")])).status == 200)
    }

    @Test func aGrantRegisteredAfterServingStartsStopsTheProcess() async {
        await #expect(processExitsWith: .failure) {
            let server = AuthorizationServer()
            server.registerGrant(ClientCredentialsGrant())
            _ = await server.createTokenResponse(.formPost("https://server.example/token", [("grant_type", "client_credentials")]))
            server.registerGrant(ImplicitGrant())
        }
    }
}
