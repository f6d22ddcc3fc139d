import GatehouseCommon
import OAuth2
import OAuthTestSupport
import Testing

struct ImplicitGrantTests {
    let store = AuthorizationServerFixture.makeStore()

    func request(_ extra: [(String, String)] = []) -> OAuth2Request {
        .get(
            Fixture.authorizeURI,
            [("response_type", "token"), ("client_id", "confidential"), ("state", "st"), ("scope", "email")] + extra
        )
    }

    @Test func tokenIsReturnedInFragment() async throws {
        let response = await makeAuthorizationServer(store: store).createAuthorizationResponse(
            request(),
            grantUser: AuthorizationServerFixture.user
        )
        #expect(response.status == 302)
        let location = try #require(response.location)
        #expect(location.hasPrefix(Fixture.redirectURI + "#"))
        let parameters = response.redirectParameters(fragment: true)
        #expect(parameters["access_token"] != nil)
        #expect(parameters["token_type"] == "Bearer")
        #expect(parameters["expires_in"] == "3600")
        #expect(parameters["scope"] == "email")
        #expect(parameters["state"] == "st")
        #expect(parameters["iss"] == AuthorizationServerFixture.issuer)
        #expect(parameters["refresh_token"] == nil)
        #expect(store.tokens.first?.refreshToken == nil)
    }

    @Test func implicitLifetimeIsConfigurable() async {
        var configuration = AuthorizationServer.Configuration()
        configuration.tokenLifetimes[.implicit] = 99
        let response = await makeAuthorizationServer(store: store, configuration: configuration)
            .createAuthorizationResponse(request(), grantUser: AuthorizationServerFixture.user)
        #expect(response.redirectParameters(fragment: true)["expires_in"] == "99")
    }

    @Test func deniedIsInFragment() async {
        let response = await makeAuthorizationServer(store: store).createAuthorizationResponse(request(), grantUser: nil)
        #expect(response.redirectParameters(fragment: true)["error"] == "access_denied")
        #expect(response.redirectParameters(fragment: true)["state"] == "st")
    }
}
