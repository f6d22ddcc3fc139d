import HTTPCore

let app = App(config: .environment())  // settings from code, env, JSON file
app.use(try SessionMiddleware(config: app.config))  // signed cookie sessions (SECRET_KEY)

app.get("/") { _ in .text("Hello") }
app.get("/users/:id") { request in .text(request.parameters["id"] ?? "") }
app.get("/files/**") { request in .text(request.parameters.tail ?? "") }

// A guard is middleware; wrapped around one handler it reads like a decorator.
struct RequireLogin: Middleware {
    func handle(_ request: Request, next: Responder) async throws -> Response {
        guard try request.session["user_id"] != nil else { return .redirect(to: "/login") }
        return try await next(request)
    }
}
let requireLogin = RequireLogin()
app.get("/admin", requireLogin { _ in .text("welcome") })

// A controller whose decorators guard every method; missing methods answer 405.
struct NotesAPI: MethodView {
    static let decorators: [any Middleware] = [RequireLogin()]
    func get(_ request: Request) async throws -> Response { .text("notes") }
    func post(_ request: Request) async throws -> Response { .text("added", status: .created) }
}
app.addView("/notes", NotesAPI())

try await app.run(host: "127.0.0.1", port: 8080)  // graceful stop on SIGINT/SIGTERM
