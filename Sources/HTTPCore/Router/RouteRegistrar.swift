public import HTTPTypes

/// Something routes can be registered on: the ``App`` or a ``RouteGroup``.
public protocol RouteRegistrar: Sendable {
    /// Registers `handler` for `method` at `path`, wrapped in `middleware` (first runs first).
    func on(_ method: HTTPRequest.Method, _ path: String, middleware: [any Middleware], use handler: @escaping Responder)
}

extension RouteRegistrar {
    /// Registers a `GET` route (which also answers `HEAD`, without the body).
    public func get(_ path: String, _ middleware: any Middleware..., use handler: @escaping Responder) {
        on(.get, path, middleware: middleware, use: handler)
    }

    /// Registers a `POST` route.
    public func post(_ path: String, _ middleware: any Middleware..., use handler: @escaping Responder) {
        on(.post, path, middleware: middleware, use: handler)
    }

    /// Registers a `PUT` route.
    public func put(_ path: String, _ middleware: any Middleware..., use handler: @escaping Responder) {
        on(.put, path, middleware: middleware, use: handler)
    }

    /// Registers a `PATCH` route.
    public func patch(_ path: String, _ middleware: any Middleware..., use handler: @escaping Responder) {
        on(.patch, path, middleware: middleware, use: handler)
    }

    /// Registers a `DELETE` route.
    public func delete(_ path: String, _ middleware: any Middleware..., use handler: @escaping Responder) {
        on(.delete, path, middleware: middleware, use: handler)
    }

    /// Registers a `HEAD` route (otherwise `HEAD` is served by the `GET` route).
    public func head(_ path: String, _ middleware: any Middleware..., use handler: @escaping Responder) {
        on(.head, path, middleware: middleware, use: handler)
    }

    /// Registers a `GET` handler that is already wrapped, decorator style:
    /// `app.get("/user", requireOAuth("profile") { request in ... })`.
    public func get(_ path: String, _ handler: @escaping Responder) {
        on(.get, path, middleware: [], use: handler)
    }

    /// Registers a `POST` handler that is already wrapped, decorator style.
    public func post(_ path: String, _ handler: @escaping Responder) {
        on(.post, path, middleware: [], use: handler)
    }

    /// Registers a `PUT` handler that is already wrapped, decorator style.
    public func put(_ path: String, _ handler: @escaping Responder) {
        on(.put, path, middleware: [], use: handler)
    }

    /// Registers a `PATCH` handler that is already wrapped, decorator style.
    public func patch(_ path: String, _ handler: @escaping Responder) {
        on(.patch, path, middleware: [], use: handler)
    }

    /// Registers a `DELETE` handler that is already wrapped, decorator style.
    public func delete(_ path: String, _ handler: @escaping Responder) {
        on(.delete, path, middleware: [], use: handler)
    }

    /// Registers an `OPTIONS` route.
    public func options(_ path: String, _ middleware: any Middleware..., use handler: @escaping Responder) {
        on(.options, path, middleware: middleware, use: handler)
    }

    /// Registers the same handler for several methods.
    public func on(_ methods: [HTTPRequest.Method], _ path: String, _ middleware: any Middleware..., use handler: @escaping Responder) {
        for method in methods {
            on(method, path, middleware: middleware, use: handler)
        }
    }

    /// A group of routes under `prefix` that share `middleware`.
    ///
    /// ```swift
    /// let api = app.group("/api", middleware: requireOAuth("profile"))
    /// api.get("/me") { request in ... }
    /// ```
    public func group(_ prefix: String, middleware: any Middleware...) -> RouteGroup {
        RouteGroup(parent: self, prefix: prefix, middleware: middleware)
    }
}

/// Routes under a common path prefix with their own middleware, inside the app's global middleware.
public struct RouteGroup: RouteRegistrar {
    private let parent: any RouteRegistrar
    private let prefix: String
    private let middleware: [any Middleware]

    init(parent: any RouteRegistrar, prefix: String, middleware: [any Middleware]) {
        self.parent = parent
        self.prefix = prefix
        self.middleware = middleware
    }

    public func on(_ method: HTTPRequest.Method, _ path: String, middleware: [any Middleware], use handler: @escaping Responder) {
        parent.on(method, Self.join(prefix, path), middleware: self.middleware + middleware, use: handler)
    }

    static func join(_ prefix: String, _ path: String) -> String {
        let head = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
        let tail = path.hasPrefix("/") ? path : "/" + path
        return head + tail
    }
}
