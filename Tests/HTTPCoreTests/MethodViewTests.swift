import HTTPCore
import HTTPTypes
import Testing

struct NotesView: MethodView {
    static let decorators: [any Middleware] = [RequireHeader(name: .authorization)]
    func get(_ request: Request) async throws -> Response { .text("list") }
    func post(_ request: Request) async throws -> Response { .text("created", status: .created) }
}

struct ReadOnlyView: MethodView {
    static let methods: Set<HTTPRequest.Method>? = [.get]
    func get(_ request: Request) async throws -> Response { .text("read") }
}

struct MethodViewTests {
    @Test func decoratorsGuardEveryMethod() async throws {
        let app = App(config: Config())
        app.addView("/notes", NotesView())
        try await app.test { client throws in
            #expect(try await client.get("/notes").status == .forbidden)
            #expect(try await client.execute(.post, "/notes").status == .forbidden)
            #expect(try await client.get("/notes", auth: .bearer("x")).text == "list")
            #expect(try await client.execute(.post, "/notes", auth: .bearer("x")).status == .created)
        }
    }

    @Test func missingMethodIs405WithAllow() async throws {
        let app = App(config: Config())
        app.addView("/notes", NotesView())
        let response = try await app.withTestClient { client in try await client.execute(.delete, "/notes", auth: .bearer("x")) }
        #expect(response.status == .methodNotAllowed)
        let allow = response.headers[.allow] ?? ""
        #expect(allow.contains("GET") && allow.contains("POST") && !allow.contains("DELETE"))
    }

    @Test func declaredMethodsAreTheOnlyOnesRouted() async throws {
        let app = App(config: Config())
        app.addView("/read", ReadOnlyView())
        try await app.test { client throws in
            #expect(try await client.get("/read").text == "read")
            let response = try await client.execute(.put, "/read")
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "GET, HEAD")
        }
    }
}
