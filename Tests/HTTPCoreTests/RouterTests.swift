import HTTPCore
import HTTPTypes
import Testing

struct RouterTests {
    func makeApp() -> App {
        let app = App(config: Config())
        app.get("/") { _ in .text("root") }
        app.get("/users/:id") { request in .text("user \(request.parameters["id"] ?? "?")") }
        app.get("/users/me") { _ in .text("me") }
        app.post("/users/:id") { request in .text("posted \(request.parameters["id"] ?? "?")") }
        app.get("/users/:id/posts/:post") { request in
            .text("\(request.parameters["id"] ?? "")/\(request.parameters["post"] ?? "")")
        }
        app.get("/files/**") { request in .text("tail=\(request.parameters.tail ?? "nil")") }
        app.get("/any/*/end") { _ in .text("wildcard") }
        return app
    }

    @Test func matchesLiteralAndParameterRoutes() async throws {
        try await makeApp().test { client throws in
            #expect(try await client.get("/").text == "root")
            #expect(try await client.get("/users/42").text == "user 42")
            #expect(try await client.get("/users/me").text == "me")
            #expect(try await client.get("/users/7/posts/9").text == "7/9")
            #expect(try await client.get("/any/thing/end").text == "wildcard")
        }
    }

    @Test func parametersArePercentDecoded() async throws {
        try await makeApp().test { client throws in
            #expect(try await client.get("/users/a%20b").text == "user a b")
        }
    }

    @Test func wildcardTailCapturesTheRest() async throws {
        try await makeApp().test { client throws in
            #expect(try await client.get("/files/a/b/c.txt").text == "tail=a/b/c.txt")
            #expect(try await client.get("/files").text == "tail=")
        }
    }

    @Test func unknownPathIs404() async throws {
        try await makeApp().test { client throws in
            #expect(try await client.get("/nowhere").status == .notFound)
            #expect(try await client.get("/users/1/comments").status == .notFound)
        }
    }

    @Test func wrongMethodIs405WithAllowHeader() async throws {
        try await makeApp().test { client throws in
            let response = try await client.execute(.delete, "/users/1")
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "GET, HEAD, POST")
        }
    }

    @Test func headIsServedByGetRoute() async throws {
        try await makeApp().test { client throws in
            #expect(try await client.execute(.head, "/users/3").status == .ok)
        }
    }

    @Test func malformedPathEscapeIs400() async throws {
        try await makeApp().test { client throws in
            #expect(try await client.get("/users/%zz").status == .badRequest)
        }
    }

    @Test func groupsPrefixPathsAndApplyTheirMiddleware() async throws {
        let app = App(config: Config())
        let api = app.group(
            "/api",
            middleware: ClosureMiddleware { request, next in
                var response = try await next(request)
                response.headers[.cacheControl] = "no-store"
                return response
            }
        )
        api.get("/ping") { _ in .text("pong") }
        try await app.test { client throws in
            let response = try await client.get("/api/ping")
            #expect(response.text == "pong")
            #expect(response.headers[.cacheControl] == "no-store")
            #expect(try await client.get("/ping").status == .notFound)
        }
    }

    @Test func manyRoutesStillResolve() async throws {
        let app = App(config: Config())
        for index in 0..<5_000 {
            app.get("/r\(index)/:id") { request in .text("\(index):\(request.parameters["id"] ?? "")") }
        }
        try await app.test { client throws in
            #expect(try await client.get("/r4999/x").text == "4999:x")
            #expect(try await client.get("/r0/y").text == "0:y")
        }
    }
}
