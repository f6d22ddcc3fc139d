import GatehouseTesting
import Testing

/// The example server (`scripts/example vapor`) driven by requests-oauthlib and oauthlib, a client
/// nobody on this project wrote (see `ExampleServerRun`).
@Suite struct ExampleServerTests {
    @Test func requestsOAuthlibDrivesTheExampleServer() async throws {
        let outcome = try await ExampleServerRun(executableBesideTests: "GatehouseVaporExample").run()
        #expect(outcome.passed, "\(outcome.output)")
    }
}
