import GatehouseCommon
import OAuth2
import OAuthTestSupport
import Testing

struct ResourceOwnerPasswordCredentialsGrantTests {
    let store = AuthorizationServerFixture.makeStore()
    let form = [("grant_type", "password"), ("username", "alice"), ("password", "wonderland"), ("scope", "profile")]

    @Test func validCredentialsIssueTokenWithRefreshToken() async throws {
        let response = await makeAuthorizationServer(store: store).createTokenResponse(Fixture.token(form))
        #expect(response.status == 200)
        let body = try #require(response.jsonBody)
        #expect(body["expires_in"] == 864_000)
        #expect(body["refresh_token"] != nil)
        #expect(store.tokens.first?.userID == "user-1")
    }

    @Test func wrongPasswordIsInvalidGrant() async {
        let response = await makeAuthorizationServer(store: store).createTokenResponse(
            Fixture.token(
                [("grant_type", "password"), ("username", "alice"), ("password", "nope")])
        )
        #expect(response.errorCode == "invalid_grant")
        #expect(response.status == 400)
    }

    @Test func missingUsernameIsInvalidRequest() async {
        let response = await makeAuthorizationServer(store: store).createTokenResponse(
            Fixture.token([("grant_type", "password"), ("password", "x")])
        )
        #expect(response.errorCode == "invalid_request")
    }

    @Test func missingPasswordIsInvalidRequest() async {
        let response = await makeAuthorizationServer(store: store).createTokenResponse(
            Fixture.token([("grant_type", "password"), ("username", "alice")])
        )
        #expect(response.errorCode == "invalid_request")
    }

    @Test func passwordLifetimeIsConfigurable() async {
        var configuration = AuthorizationServer.Configuration()
        configuration.tokenLifetimes[.password] = 300
        let response = await makeAuthorizationServer(store: store, configuration: configuration).createTokenResponse(Fixture.token(form))
        #expect(response.jsonBody?["expires_in"] == 300)
    }

    @Test func refreshTokensCanBeTurnedOff() async {
        var configuration = AuthorizationServer.Configuration()
        configuration.refreshTokenGenerator = .disabled
        let response = await makeAuthorizationServer(store: store, configuration: configuration).createTokenResponse(Fixture.token(form))
        #expect(response.status == 200)
        #expect(response.jsonBody?["refresh_token"] == nil)
    }

    @Test func customRefreshTokenGeneratorIsUsed() async {
        var configuration = AuthorizationServer.Configuration()
        configuration.refreshTokenGenerator = .custom { request in "rt-\(request.user?.userID ?? "")" }
        let response = await makeAuthorizationServer(store: store, configuration: configuration).createTokenResponse(Fixture.token(form))
        #expect(response.string("refresh_token") == "rt-user-1")
    }

    @Test func clientWithoutRefreshGrantGetsNoRefreshToken() async {
        store.addClient(MemoryClient(clientID: "norefresh", clientSecret: "x", grantTypes: [.password]))
        let response = await makeAuthorizationServer(store: store).createTokenResponse(Fixture.token(form, basic: ("norefresh", "x")))
        #expect(response.status == 200)
        #expect(response.jsonBody?["refresh_token"] == nil)
    }
}
