import HTTPCore
import HTTPTypes
import Metrics
import MetricsTestKit
import Testing

struct MetricsMiddlewareTests {
    let metrics = TestMetrics()

    func makeApp() -> App {
        let app = App(config: Config())
        app.use(MetricsMiddleware(factory: metrics))
        app.get("/users/:id") { request in .text("user \(request.parameters["id"] ?? "")") }
        app.get("/files/**") { _ in .text("file") }
        app.get("/teapot") { _ in .text("short and stout", status: .init(code: 418)) }
        app.get("/refused") { _ in throw HTTPError(.forbidden) }
        app.get("/broken") { _ in throw Broken() }
        return app
    }

    struct Broken: Error {}

    func dimensions(_ route: String, _ method: String, _ status: Int) -> [(String, String)] {
        [("http_route", route), ("http_request_method", method), ("http_response_status_code", String(status))]
    }

    @Test func requestsAreCountedAndTimedPerRoutePatternNotPath() async throws {
        try await makeApp().test { client throws in
            _ = try await client.get("/users/1")
            _ = try await client.get("/users/2?x=y")
            _ = try await client.get("/files/a/b.txt")
        }
        let users = try metrics.expectCounter(MetricsMiddleware.requestsLabel, dimensions("/users/:id", "GET", 200))
        #expect(users.totalValue == 2)
        #expect(try metrics.expectCounter(MetricsMiddleware.requestsLabel, dimensions("/files/**", "GET", 200)).totalValue == 1)
        let timer = try metrics.expectTimer(MetricsMiddleware.durationLabel, dimensions("/users/:id", "GET", 200))
        #expect(timer.values.count == 2)
        #expect(timer.values.allSatisfy { $0 > 0 })
        #expect(metrics.counters.allSatisfy { counter in !counter.dimensions.contains { $0.1.contains("/users/1") } })
    }

    @Test func theResponseStatusIsADimension() async throws {
        try await makeApp().test { client throws in
            #expect(try await client.get("/teapot").status.code == 418)
        }
        #expect(try metrics.expectCounter(MetricsMiddleware.requestsLabel, dimensions("/teapot", "GET", 418)).totalValue == 1)
        #expect(metrics.counters(label: MetricsMiddleware.errorsLabel).isEmpty)
    }

    @Test func unmatchedPathsCountAsNotFoundErrors() async throws {
        try await makeApp().test { client throws in
            #expect(try await client.get("/nowhere/\(Int.random(in: 0..<1000))").status == .notFound)
            #expect(try await client.get("/elsewhere").status == .notFound)
        }
        #expect(try metrics.expectCounter(MetricsMiddleware.requestsLabel, dimensions("NotFound", "GET", 404)).totalValue == 2)
        let errors = try metrics.expectCounter(
            MetricsMiddleware.errorsLabel,
            [("http_route", "NotFound"), ("http_request_method", "GET"), ("error_type", "404")]
        )
        #expect(errors.totalValue == 2)
    }

    @Test func thrownErrorsCountWithTheStatusTheyBecome() async throws {
        try await makeApp().test { client throws in
            #expect(try await client.get("/refused").status == .forbidden)
            #expect(try await client.get("/broken").status == .internalServerError)
        }
        #expect(try metrics.expectCounter(MetricsMiddleware.requestsLabel, dimensions("/refused", "GET", 403)).totalValue == 1)
        #expect(try metrics.expectCounter(MetricsMiddleware.requestsLabel, dimensions("/broken", "GET", 500)).totalValue == 1)
        let refused = try metrics.expectCounter(
            MetricsMiddleware.errorsLabel,
            [("http_route", "/refused"), ("http_request_method", "GET"), ("error_type", "403")]
        )
        #expect(refused.totalValue == 1)
        #expect(try metrics.expectTimer(MetricsMiddleware.durationLabel, dimensions("/broken", "GET", 500)).values.count == 1)
    }

    @Test func aWrongMethodKeepsTheRouteOfThePath() async throws {
        try await makeApp().test { client throws in
            #expect(try await client.post("/users/7", form: []).status == .methodNotAllowed)
        }
        #expect(try metrics.expectCounter(MetricsMiddleware.requestsLabel, dimensions("/users/:id", "POST", 405)).totalValue == 1)
    }

    @Test func unknownMethodsShareOneLabel() async throws {
        try await makeApp().test { client throws in
            _ = try await client.execute(HTTPRequest.Method("BREW") ?? .get, "/users/1")
            _ = try await client.execute(HTTPRequest.Method("WHEN") ?? .get, "/users/1")
        }
        #expect(try metrics.expectCounter(MetricsMiddleware.requestsLabel, dimensions("/users/:id", "_OTHER", 405)).totalValue == 2)
    }

    @Test func activeRequestsGoBackToZero() async throws {
        try await makeApp().test { client throws in
            _ = try await client.get("/users/1")
            _ = try await client.get("/nowhere")
        }
        let meter = try metrics.expectMeter(MetricsMiddleware.activeRequestsLabel, [("http_request_method", "GET")])
        #expect(meter.values == [1, 0, 1, 0])
    }

    @Test func theDefaultFactoryIsTheTaskLocalOne() async throws {
        let app = withMetricsFactory(metrics) {
            let app = App(config: Config())
            app.use(MetricsMiddleware())
            app.get("/") { _ in .text("root") }
            return app
        }
        try await app.test { client throws in _ = try await client.get("/") }
        #expect(try metrics.expectCounter(MetricsMiddleware.requestsLabel, dimensions("/", "GET", 200)).totalValue == 1)
    }

    @Test func routeMiddlewareSeesTheRouteToo() async throws {
        let app = App(config: Config())
        let api = app.group("/api", middleware: MetricsMiddleware(factory: metrics))
        api.get("/items/:id") { _ in .text("item") }
        try await app.test { client throws in _ = try await client.get("/api/items/3") }
        #expect(try metrics.expectCounter(MetricsMiddleware.requestsLabel, dimensions("/api/items/:id", "GET", 200)).totalValue == 1)
    }
}
