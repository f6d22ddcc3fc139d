import HTTPCore
import Logging
import Testing

/// A server stops when its task is cancelled, as a service group cancels its services when one
/// fails (a second server that cannot bind, say), not only on graceful shutdown.
struct ServerCancellationTests {
    @Test func aCancelledServerStops() async throws {
        let app = App(config: Config(), server: ServerConfiguration(host: "127.0.0.1", port: 0))
        app.get("/") { _ in .text("ok") }
        let server = app.makeServer()
        let running = Task { try await server.run() }
        _ = try await server.waitUntilListening()
        running.cancel()
        let stopped = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                _ = await running.result
                return true
            }
            group.addTask {
                // Only ends a hung test: a cancelled server stops at once.
                try? await Task.sleep(for: .seconds(60))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        #expect(stopped)
    }
}
