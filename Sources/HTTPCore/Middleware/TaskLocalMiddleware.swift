/// Binds a `@TaskLocal` for the rest of the chain, so handler code reads a per-request value as a
/// global, the way Flask code reads `current_token` or `g.user`.
///
/// ```swift
/// enum Current { @TaskLocal static var user: User? }
/// var currentUser: User? { Current.user }
///
/// app.use(TaskLocalMiddleware(Current.$user) { request in try await users.find(request) })
/// app.get("/me") { _ in .text(currentUser?.name ?? "anonymous") }
/// ```
///
/// The value is visible to the handler and the child tasks it starts, and gone when it returns.
public struct TaskLocalMiddleware<Value: Sendable>: Middleware {
    private let local: TaskLocal<Value>
    private let compute: @Sendable (Request) async throws -> Value

    /// Creates a middleware that binds `local` to what `compute` returns for each request.
    public init(_ local: TaskLocal<Value>, _ compute: @escaping @Sendable (Request) async throws -> Value) {
        self.local = local
        self.compute = compute
    }

    public func handle(_ request: Request, next: Responder) async throws -> Response {
        let value = try await compute(request)
        return try await local.withValue(value) { try await next(request) }
    }
}
