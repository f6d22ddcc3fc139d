import Foundation
import GatehouseTesting
import Testing

/// The example server (`scripts/example vapor`) driven by requests-oauthlib and oauthlib, a client
/// nobody on this project wrote (see `ExampleServerRun`).
@Suite struct ExampleServerTests {
    static let repository = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func requestsOAuthlibDrivesTheExampleServer() async throws {
        let run = try ExampleServerRun(executableBesideTests: "GatehouseVaporExample", repository: Self.repository)
        let outcome = try await run.run()
        #expect(outcome.passed, "\(outcome.output)")
    }
}
