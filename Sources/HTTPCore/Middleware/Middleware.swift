/// The next step of a request's journey: a handler, or the rest of a middleware chain.
public typealias Responder = @Sendable (Request) async throws -> Response

/// Code that runs around a handler: it may change the request, answer early, refuse by throwing,
/// or change the response that comes back.
///
/// ```swift
/// struct RequireHeader: Middleware {
///     let name: HTTPField.Name
///     func handle(_ request: Request, next: Responder) async throws -> Response {
///         guard request.headers[name] != nil else { throw HTTPError(.badRequest) }
///         return try await next(request)
///     }
/// }
/// ```
///
/// Middleware applies to the whole app (``App/use(_:)``), to a group of routes
/// (``RouteRegistrar/group(_:middleware:)``), to one route, or decorator-style around one handler:
/// `app.get("/user", requireSomething("x") { request in ... })`, with ``callAsFunction(_:)``.
public protocol Middleware: Sendable {
    /// Handles `request`, calling `next` to continue down the chain.
    func handle(_ request: Request, next: Responder) async throws -> Response
}

extension Middleware {
    /// Wraps `handler` in this middleware: the Swift form of a Python decorator.
    ///
    /// ```swift
    /// let admin = RequireHeader(name: .authorization)
    /// app.get("/admin", admin { request in .text("hi") })
    /// ```
    public func callAsFunction(_ handler: @escaping Responder) -> Responder {
        { request in try await self.handle(request, next: handler) }
    }
}

extension Sequence where Element == any Middleware {
    /// Composes the middleware around `responder`; the first element runs first (outermost).
    public func wrap(_ responder: @escaping Responder) -> Responder {
        reversed().reduce(responder) { next, middleware in
            { request in try await middleware.handle(request, next: next) }
        }
    }
}

/// A middleware made from a closure, for small one-off steps.
public struct ClosureMiddleware: Middleware {
    private let body: @Sendable (Request, Responder) async throws -> Response

    /// Creates a middleware that runs `body` with the request and the next responder.
    public init(_ body: @escaping @Sendable (Request, Responder) async throws -> Response) {
        self.body = body
    }

    public func handle(_ request: Request, next: Responder) async throws -> Response {
        try await body(request, next)
    }
}
