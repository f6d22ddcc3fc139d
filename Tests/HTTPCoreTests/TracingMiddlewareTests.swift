import HTTPCore
import HTTPTypes
import InMemoryTracing
import Testing
import Tracing

struct TracingMiddlewareTests {
    let tracer = InMemoryTracer()

    func makeApp() -> App {
        let app = App(config: Config())
        app.use(TracingMiddleware(recordingHeaders: [.userAgent, .contentType], redactingQueryParameters: ["code"]))
        app.get("/users/:id") { _ in .text("hello") }
        app.get("/broken") { _ in throw HTTPError(.serviceUnavailable) }
        app.get("/nested") { _ in
            withSpan("inner") { _ in }
            return .text("nested")
        }
        return app
    }

    func run(_ body: @Sendable (TestClient) async throws -> Void) async throws {
        let app = makeApp()
        try await withTracer(tracer) {
            try await app.test { client throws in try await body(client) }
        }
    }

    @Test func aServerSpanPerRequestNamedByRoute() async throws {
        try await run { client in
            _ = try await client.get("/users/42?code=secret&state=xyz", headers: [.userAgent: "probe/1"])
        }
        let span = try #require(tracer.finishedSpans.first)
        #expect(tracer.finishedSpans.count == 1)
        #expect(span.operationName == "GET /users/:id")
        #expect(span.kind == .server)
        #expect(span.attributes.get("http.request.method") == .string("GET"))
        #expect(span.attributes.get("http.route") == .string("/users/:id"))
        #expect(span.attributes.get("url.path") == .string("/users/42"))
        #expect(span.attributes.get("url.query") == .string("code=REDACTED&state=xyz"))
        #expect(span.attributes.get("url.scheme") == .string("https"))
        #expect(span.attributes.get("network.protocol.version") == .string("1.1"))
        #expect(span.attributes.get("user_agent.original") == .string("probe/1"))
        #expect(span.attributes.get("http.request.header.user_agent") == .string("probe/1"))
        #expect(span.attributes.get("http.response.status_code") == .int64(200))
        #expect(span.attributes.get("http.response.body.size") == .int64(5))
        #expect(span.attributes.get("net.sock.peer.addr") == .string("127.0.0.1"))
        #expect(span.status == nil)
    }

    @Test func oauthSecretsInTheQueryAreRedactedByDefault() async throws {
        let app = App(config: Config())
        app.use(TracingMiddleware())
        app.get("/callback") { _ in .text("ok") }
        try await withTracer(tracer) {
            try await app.test { client throws in
                _ = try await client.get("/callback?code=c1&state=s1&access_token=t1&oauth_verifier=v1")
            }
        }
        let span = try #require(tracer.finishedSpans.first)
        #expect(span.attributes.get("url.query") == .string("code=REDACTED&state=s1&access_token=REDACTED&oauth_verifier=REDACTED"))
    }

    @Test func unmatchedRequestsKeepTheMethodAsName() async throws {
        try await run { client in _ = try await client.get("/nowhere") }
        let span = try #require(tracer.finishedSpans.first)
        #expect(span.operationName == "GET")
        #expect(span.attributes.get("http.route") == nil)
        #expect(span.attributes.get("http.response.status_code") == .int64(404))
        #expect(span.errors.count == 1)
        #expect(span.status == nil)
    }

    @Test func serverErrorsMarkTheSpan() async throws {
        try await run { client in _ = try await client.get("/broken") }
        let span = try #require(tracer.finishedSpans.first)
        #expect(span.operationName == "GET /broken")
        #expect(span.attributes.get("http.response.status_code") == .int64(503))
        #expect(span.status?.code == .error)
    }

    @Test func handlerSpansAreChildrenOfTheRequestSpan() async throws {
        try await run { client in _ = try await client.get("/nested") }
        let inner = try #require(tracer.finishedSpans.first { $0.operationName == "inner" })
        let outer = try #require(tracer.finishedSpans.first { $0.operationName == "GET /nested" })
        #expect(inner.traceID == outer.traceID)
        #expect(inner.parentSpanID == outer.spanID)
    }

    @Test func incomingTraceContextIsContinued() async throws {
        let traceID = try #require(HTTPField.Name(InMemoryTracer.traceIDKey))
        let spanID = try #require(HTTPField.Name(InMemoryTracer.spanIDKey))
        try await run { client in
            _ = try await client.get("/users/1", headers: [traceID: "trace-from-client", spanID: "span-from-client"])
        }
        let span = try #require(tracer.finishedSpans.first)
        #expect(span.traceID == "trace-from-client")
        #expect(span.parentSpanID == "span-from-client")
    }
}
