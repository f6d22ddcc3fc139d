import GatehouseCommon
import OAuth2
import Testing

struct OAuth2ErrorTests {
    @Test func jsonErrorCarriesRFC6749Members() {
        let response = OAuth2Error(.invalidGrant, description: "bad code", uri: "https://docs.example/e", state: "s1").response()
        #expect(response.status == 400)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.errorCode == "invalid_grant")
        #expect(response.string("error_description") == "bad code")
        #expect(response.string("error_uri") == "https://docs.example/e")
        #expect(response.string("state") == "s1")
        #expect(response.isNoStore)
    }

    @Test func invalidClientWithBasicHeaderIs401WithBasicChallenge() {
        let response = OAuth2Error.invalidClient("nope", usedAuthorizationHeader: true, realm: "Gate").response()
        #expect(response.status == 401)
        #expect(response.header("WWW-Authenticate") == "Basic realm=\"Gate\"")
    }

    @Test func invalidClientWithoutHeaderHasNoChallenge() {
        let response = OAuth2Error.invalidClient("nope").response()
        #expect(response.status == 401)
        #expect(response.header("WWW-Authenticate") == nil)
    }

    @Test func bearerErrorsCarryBearerChallenge() {
        let invalid = OAuth2Error.invalidToken("expired", realm: "api").response()
        #expect(invalid.status == 401)
        #expect(invalid.header("WWW-Authenticate") == "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"expired\"")
        let scope = OAuth2Error.insufficientScope(requiredScope: "profile").response()
        #expect(scope.status == 403)
        #expect(scope.header("WWW-Authenticate") == "Bearer error=\"insufficient_scope\", scope=\"profile\"")
    }

    @Test func descriptionIsCleanedToAllowedCharset() {
        let response = OAuth2Error(.invalidRequest, description: "bad \"quote\" \\ é\nline").response()
        #expect(response.string("error_description") == "bad quote  line")
    }

    @Test func redirectErrorPutsParametersInQueryWithIssuer() throws {
        let error = OAuth2Error.accessDenied("denied").redirecting(
            to: .init(uri: "https://client.example/cb?keep=1", issuer: "https://server.example", status: 303),
            state: "st"
        )
        let response = error.response()
        #expect(response.status == 303)
        let location = try #require(response.location)
        #expect(location.hasPrefix("https://client.example/cb?keep=1&error=access_denied"))
        let parameters = response.redirectParameters()
        #expect(parameters["state"] == "st")
        #expect(parameters["iss"] == "https://server.example")
        #expect(parameters["keep"] == "1")
    }

    @Test func implicitRedirectErrorUsesFragment() {
        let error = OAuth2Error.invalidScope().redirecting(to: .init(uri: "https://client.example/cb", useFragment: true), state: nil)
        let response = error.response()
        #expect(response.status == 302)
        #expect(response.redirectParameters(fragment: true)["error"] == "invalid_scope")
    }

    @Test func customCodesAreExtensible() {
        let code: OAuth2Error.Code = "authorization_pending"
        #expect(OAuth2Error(code).response().errorCode == "authorization_pending")
    }
}
