import GatehouseCommon
import GatehouseOperations
import OAuth1
import OAuthTestSupport
import Testing

/// Wrong `oauth_verifier`s are counted per client and address; past the limit the token endpoint
/// answers 429 with `Retry-After` before checking anything, even for the right verifier.
struct VerifierThrottleTests {
    @Test func wrongVerifiersSlowTheClientDownWith429() async throws {
        var configuration = Fixtures.configuration()
        configuration.verifierThrottle = Throttle(name: "oauth1_verifier", clock: Fixtures.clock)
        let store = InMemoryOAuth1Store(clients: [try Fixtures.client()])
        let server = OAuth1AuthorizationServer(hooks: store, configuration: configuration)
        for _ in 0..<11 {
            let authorized = try await server.authorize()
            let wrong = try await server.exchange(authorized, verifier: "guess")
            #expect(wrong.status == 401)
            #expect(try wrong.formParameters()["error"] == "invalid_verifier")
        }
        let authorized = try await server.authorize()
        let throttled = try await server.exchange(authorized)
        #expect(throttled.status == 429)
        #expect(throttled.header("Retry-After") == "1")
        #expect(try throttled.formParameters()["error"] == "temporarily_unavailable")
        // The credential was not touched: it is still there for the client once the wait is over.
        #expect(store.temporaryCredential(authorized.token) != nil)
    }
}
