import GatehouseTesting
import Testing

/// The example server (`scripts/example hummingbird`) driven by requests-oauthlib and oauthlib, a client
/// nobody on this project wrote (see `ExampleServerRun`).
@Suite struct ExampleServerTests {
    @Test func requestsOAuthlibDrivesTheExampleServer() async throws {
        let outcome = try await ExampleServerRun(executableBesideTests: "GatehouseHummingbirdExample").run()
        #expect(outcome.passed, "\(outcome.output)")
    }
}
