import HTTPCore
import Synchronization
import Testing

/// Configure, then serve: the app, its config and what is attached to it freeze before the first
/// request, and a late change is refused.
struct AppFreezeTests {
    @Test func theFirstRequestFreezesTheAppItsConfigAndItsAttachments() async throws {
        let config = Config(["GREETING": "hello"])
        let app = App(config: config)
        let hooks = Counter()
        app.onFreeze { hooks.increment() }
        app.get("/") { _ in .text(config.string("GREETING") ?? "") }
        #expect(!app.isFrozen)
        try await app.test { client throws in
            #expect(try await client.get("/").text == "hello")
            #expect(try await client.get("/").text == "hello")
        }
        #expect(app.isFrozen)
        #expect(hooks.value == 1)
        app.freeze()
        #expect(hooks.value == 1)
    }

    @Test func routesAddedBeforeFreezingAreServedInAnyOrder() async throws {
        let app = App(config: Config())
        app.get("/b") { _ in .text("b") }
        app.use(HeaderStamp())
        app.get("/a") { _ in .text("a") }
        app.freeze()
        try await app.test { client throws in
            let a = try await client.get("/a")
            #expect(a.text == "a")
            #expect(a.headers[HTTPField.Name("X-Stamp")!] == "1")
            #expect(try await client.get("/b").text == "b")
        }
    }

    @Test func aRouteAddedAfterTheAppServesStopsTheProcess() async {
        await #expect(processExitsWith: .failure) {
            let app = App(config: Config())
            app.get("/") { _ in .text("ok") }
            app.freeze()
            app.get("/late") { _ in .text("late") }
        }
    }

    @Test func aConfigValueSetAfterTheAppServesStopsTheProcess() async {
        await #expect(processExitsWith: .failure) {
            let config = Config()
            App(config: config).freeze()
            config["OAUTH2_EXPIRES_PASSWORD"] = 60
        }
    }
}

private struct HeaderStamp: Middleware {
    func handle(_ request: Request, next: Responder) async throws -> Response {
        var response = try await next(request)
        response.headers[HTTPField.Name("X-Stamp")!] = "1"
        return response
    }
}

/// A count shared with escaping closures.
private final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    var value: Int { count.load(ordering: .relaxed) }
    func increment() { count.add(1, ordering: .relaxed) }
}
