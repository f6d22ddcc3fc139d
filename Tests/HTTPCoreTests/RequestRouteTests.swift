import GatehouseCommon
import HTTPCore
import Testing

/// `Request.route`: the matched pattern, for handlers and for route-observing global middleware.
struct RequestRouteTests {
    final class Seen: Sendable {
        let routes = LockedValue<[String]>([])
        func append(_ route: String?) { routes.withLock { $0.append(route ?? "nil") } }
        var all: [String] { routes.withLock { $0 } }
    }

    struct Observer: RouteObservingMiddleware {
        let seen: Seen
        func handle(_ request: Request, next: Responder) async throws -> Response {
            seen.append(request.route)  // before routing: nothing yet
            do {
                let response = try await next(request)
                seen.append(request.route)
                return response
            } catch {
                seen.append(request.route)
                throw error
            }
        }
    }

    struct Plain: Middleware {
        let seen: Seen
        func handle(_ request: Request, next: Responder) async throws -> Response {
            let response = try await next(request)
            seen.append(request.route)
            return response
        }
    }

    @Test func handlersSeeTheNormalisedPattern() async throws {
        let app = App(config: Config())
        app.get("/users/:id/") { request in .text(request.route ?? "nil") }
        let group = app.group("/api/")
        group.get("files/**") { request in .text(request.route ?? "nil") }
        app.get("/") { request in .text(request.route ?? "nil") }
        try await app.test { client throws in
            #expect(try await client.get("/users/42").text == "/users/:id")
            #expect(try await client.get("/api/files/a/b").text == "/api/files/**")
            #expect(try await client.get("/").text == "/")
        }
    }

    @Test func routeObservingGlobalMiddlewareSeesTheRouteAfterNext() async throws {
        let seen = Seen()
        let app = App(config: Config())
        app.use(Observer(seen: seen))
        app.get("/users/:id") { _ in .text("ok") }
        try await app.test { client throws in
            _ = try await client.get("/users/1")
            _ = try await client.get("/missing")
            _ = try await client.post("/users/1", form: [])
        }
        #expect(seen.all == ["nil", "/users/:id", "nil", "nil", "nil", "/users/:id"])
    }

    @Test func otherGlobalMiddlewareIsSparedTheStore() async throws {
        let seen = Seen()
        let app = App(config: Config())
        app.use(Plain(seen: seen))
        app.get("/users/:id") { _ in .text("ok") }
        try await app.test { client throws in _ = try await client.get("/users/1") }
        #expect(seen.all == ["nil"])
    }
}
