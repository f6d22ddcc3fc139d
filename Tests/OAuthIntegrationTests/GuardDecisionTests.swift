import GatehouseConfig
import OAuth1
import OAuth2
import OAuthIntegration
import OAuthTestSupport
import Testing

/// The guards' decisions without any HTTP stack: what every adapter (HTTPCore, Hummingbird, Vapor)
/// calls after parsing its framework's request.
struct GuardDecisionTests {
    let store = AuthorizationServerFixture.makeStore()

    func protector() -> ResourceProtector {
        let protector = ResourceProtector(realm: "api")
        protector.registerTokenValidator(MemoryBearerTokenValidator(store: store))
        return protector
    }

    func request(bearer token: String?) throws -> OAuth2Request {
        try OAuth2Request.parse(
            method: "GET",
            uri: "https://api.example/user",
            headers: token.map { ["authorization": "Bearer \($0)"] } ?? [:]
        )
    }

    @Test func aValidTokenRunsTheBodyWithCurrentTokenBound() async throws {
        store.insertToken(MemoryToken(accessToken: "good", scope: "profile", clientID: "confidential", userID: "user-1"))
        let seen = try await protector().guarding(try request(bearer: "good"), scopes: "profile") { token in
            (token?.userID, currentToken?.userID)
        }
        #expect(seen.0 == "user-1")
        #expect(seen.1 == "user-1")
        #expect(currentToken == nil)  // unbound again after the body
    }

    @Test func aMissingScopeThrowsInsufficientScopeAndSkipsTheBody() async throws {
        store.insertToken(MemoryToken(accessToken: "email-only", scope: "email", clientID: "confidential", userID: "user-1"))
        let error = await #expect(throws: OAuth2Error.self) {
            try await protector().guarding(try request(bearer: "email-only"), scopes: "profile") { _ in
                Issue.record("the body ran")
            }
        }
        #expect(error?.code == .insufficientScope)
    }

    @Test func optionalModeRunsTheBodyWithoutAToken() async throws {
        let user = try await protector().guarding(try request(bearer: nil), optional: true) { token in
            token?.userID ?? currentToken?.userID ?? "anonymous"
        }
        #expect(user == "anonymous")
    }

    @Test func anUnsignedOAuth1RequestIsDeniedWithTheProtectorsResponse() async throws {
        let protector = OAuth1ResourceProtector(configuration: .init(realm: "photos"))
        let request = try OAuth1Request(method: "GET", uri: "https://api.example/photos")
        let status = await protector.guarding(request, denied: { $0.status.code }) { _ in
            Issue.record("the body ran")
            return 200
        }
        #expect(status == 401)
    }

    @Test func oauth1ProtectorKeysChangeOnlyWhatIsPresent() throws {
        var base = OAuth1ResourceProtector.Configuration()
        base.realm = "code"
        base.allowInsecureTransport = true
        let configured = try OAuth1ResourceProtector.configuration(
            from: Config(["OAUTH1_TIMESTAMP_WINDOW": 60, "OAUTH1_SUPPORTED_SIGNATURE_METHODS": ["HMAC-SHA1", "RSA-SHA1"]]),
            base: base
        )
        #expect(configured.timestampWindow == 60)
        #expect(configured.supportedSignatureMethods == [.hmacSHA1, .rsaSHA1])
        #expect(configured.realm == "code")
        #expect(configured.allowInsecureTransport)  // AUTHLIB_INSECURE_TRANSPORT absent: the code setting stays
    }
}
