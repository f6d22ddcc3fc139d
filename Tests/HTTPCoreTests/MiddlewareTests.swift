import GatehouseCommon
import HTTPCore
import HTTPTypes
import Testing

/// A decorator-style guard: usable as `requireHeader("X") { request in ... }` or as middleware.
struct RequireHeader: Middleware {
    let name: HTTPField.Name
    func handle(_ request: Request, next: Responder) async throws -> Response {
        guard request.headers[name] != nil else { throw HTTPError(.forbidden, message: "missing \(name)") }
        return try await next(request)
    }
}

func requireHeader(_ name: String) -> RequireHeader {
    RequireHeader(name: HTTPField.Name(name) ?? .authorization)
}

func requireHeader(_ name: String, _ handler: @escaping Responder) -> Responder {
    requireHeader(name)(handler)
}

enum Greeting {
    @TaskLocal static var name: String?
}

struct Recorder: Middleware {
    let label: String
    let log: Log
    func handle(_ request: Request, next: Responder) async throws -> Response {
        log.append("\(label) in")
        let response = try await next(request)
        log.append("\(label) out")
        return response
    }
}

final class Log: Sendable {
    let entries = LockedValue<[String]>([])
    func append(_ entry: String) { entries.withLock { $0.append(entry) } }
    var all: [String] { entries.withLock { $0 } }
}

struct MiddlewareTests {
    @Test func middlewareRunsInOrderAroundTheHandler() async throws {
        let log = Log()
        let app = App(config: Config())
        app.use(Recorder(label: "global", log: log))
        app.get("/", Recorder(label: "route1", log: log), Recorder(label: "route2", log: log)) { _ in
            log.append("handler")
            return .text("ok")
        }
        _ = try await app.withTestClient { client in try await client.get("/") }
        #expect(log.all == ["global in", "route1 in", "route2 in", "handler", "route2 out", "route1 out", "global out"])
    }

    @Test func globalMiddlewareSeesUnmatchedRequests() async throws {
        let log = Log()
        let app = App(config: Config())
        app.use(Recorder(label: "global", log: log))
        let response = try await app.withTestClient { client in try await client.get("/missing") }
        #expect(response.status == .notFound)
        #expect(log.all == ["global in"])
    }

    @Test func decoratorStyleWrapperGuardsOneRoute() async throws {
        let app = App(config: Config())
        app.get("/secret", requireHeader("X-Key") { _ in .text("secret") })
        app.get("/open") { _ in .text("open") }
        try await app.test { client throws in
            #expect(try await client.get("/secret").status == .forbidden)
            #expect(try await client.get("/secret", headers: [HTTPField.Name("X-Key")!: "1"]).text == "secret")
            #expect(try await client.get("/open").text == "open")
        }
    }

    @Test func taskLocalBoundByMiddlewareIsSeenByHandler() async throws {
        let app = App(config: Config())
        app.use(TaskLocalMiddleware(Greeting.$name) { request in request.headers[.userAgent] ?? "anonymous" })
        app.get("/hello") { _ in
            // Read as a global, also from a child task.
            async let fromChild = Greeting.name
            return .text("hello \(Greeting.name ?? "nil") \(await fromChild ?? "nil")")
        }
        try await app.test { client throws in
            #expect(try await client.get("/hello", headers: [.userAgent: "ada"]).text == "hello ada ada")
        }
        #expect(Greeting.name == nil)
    }

    @Test func currentRequestIsBoundForHandlers() async throws {
        let app = App(config: Config())
        app.get("/items/:id") { _ in .text(currentRequest?.parameters["id"] ?? "nil") }
        try await app.test { client throws in
            #expect(try await client.get("/items/5").text == "5")
        }
    }

    @Test func httpErrorBecomesItsResponse() async throws {
        let app = App(config: Config())
        app.get("/teapot") { _ in throw HTTPError(.badRequest, message: "bad thing", headers: [.retryAfter: "5"]) }
        let response = try await app.withTestClient { client in try await client.get("/teapot") }
        #expect(response.status == .badRequest)
        #expect(response.text == "bad thing")
        #expect(response.headers[.retryAfter] == "5")
    }

    @Test func otherErrorsBecomeA500WithoutDetails() async throws {
        struct DatabasePassword: Error { let secret = "hunter2" }
        let app = App(config: Config())
        app.get("/boom") { _ in throw DatabasePassword() }
        let response = try await app.withTestClient { client in try await client.get("/boom") }
        #expect(response.status == .internalServerError)
        #expect(!response.text.contains("hunter2"))
        #expect(!response.text.contains("DatabasePassword"))
    }

    @Test func middlewareCanAnswerEarly() async throws {
        let app = App(config: Config())
        app.use(
            ClosureMiddleware { request, next in
                request.target == "/maintenance" ? .text("later", status: .serviceUnavailable) : try await next(request)
            }
        )
        app.get("/maintenance") { _ in .text("never") }
        let response = try await app.withTestClient { client in try await client.get("/maintenance") }
        #expect(response.status == .serviceUnavailable)
    }

    @Test func localsAreSharedWithOuterMiddleware() async throws {
        enum Seen: StorageKey { typealias Value = String }
        let app = App(config: Config())
        app.use(
            ClosureMiddleware { request, next in
                var response = try await next(request)
                response.headers[.server] = request.locals[Seen.self] ?? "none"
                return response
            }
        )
        app.get("/") { request in
            request.locals[Seen.self] = "handler"
            return .text("ok")
        }
        let response = try await app.withTestClient { client in try await client.get("/") }
        #expect(response.headers[.server] == "handler")
    }
}
