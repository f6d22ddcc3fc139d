import GatehouseCommon
import OAuth1
import Testing

struct ErrorTests {
    @Test(arguments: [
        (OAuth1Error.missingParameter("oauth_callback"), 400),
        (OAuth1Error.duplicatedParameter("x"), 400),
        (OAuth1Error.unsupportedSignatureMethod("MD5"), 400),
        (OAuth1Error.unsupportedParameter("x"), 400),
        (OAuth1Error.invalidClient(), 401),
        (OAuth1Error.invalidToken(), 401),
        (OAuth1Error.invalidVerifier(), 401),
        (OAuth1Error.invalidNonce(), 401),
        (OAuth1Error.invalidTimestamp(), 401),
        (OAuth1Error.invalidSignature(), 401),
        (OAuth1Error.methodNotAllowed(), 405),
        (OAuth1Error.serverError(), 500),
    ])
    func statusFollowsRFC5849Section32(_ error: OAuth1Error, _ status: Int) {
        #expect(error.status == status)
        #expect(error.response().status.code == status)
    }

    @Test func unauthorizedCarriesOAuthChallengeWithRealm() throws {
        let response = OAuth1Error.invalidSignature().response(realm: "Photos")
        #expect(response.status == 401)
        #expect(response.header("www-authenticate") == #"OAuth realm="Photos""#)
        #expect(response.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(response.header("Cache-Control") == "no-store")
        let body = try response.formParameters()
        #expect(body["error"] == "invalid_signature")
        #expect(body["error_description"] != nil)
    }

    @Test func badRequestHasNoChallenge() {
        let response = OAuth1Error.missingParameter("oauth_token").response(realm: "Photos")
        #expect(response.header("WWW-Authenticate") == nil)
        #expect(response.bodyText.contains("error=missing_required_parameter"))
    }

    @Test func jsonBodyNamesTheError() {
        let response = OAuth1Error.missingParameter("oauth_token").response(format: .json)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.bodyText == #"{"error":"missing_required_parameter","error_description":"missing 'oauth_token' in parameters"}"#)
    }

    @Test func customCodesAreSupported() {
        let error = OAuth1Error(OAuth1Error.Code("consumer_key_refused"), description: "suspended", status: 401)
        #expect(error.response().bodyText == "error=consumer_key_refused&error_description=suspended")
    }
}
