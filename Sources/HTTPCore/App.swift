import GatehouseCommon
public import GatehouseConfig
public import HTTPTypes
public import Logging
import NIOCore
public import ServiceLifecycle
import UnixSignals

/// A web application: routes, middleware, configuration and the extensions attached to it.
///
/// ```swift
/// let app = App(config: .environment())
/// app.use(SessionMiddleware(secret: ...))
/// app.get("/") { _ in .text("Hello") }
/// app.get("/users/:id") { request in .text(request.parameters["id"] ?? "") }
/// try await app.run()
/// ```
///
/// Configure, then serve: routes, middleware, services and settings are added while the app is
/// set up; ``freeze()`` (called by ``run()``, ``makeServer(_:)``, the test client and the first
/// request) builds the middleware chain once and freezes the app, its ``config`` and every object
/// attached by `initApp(_:)` (``onFreeze(_:)``) into immutable values that requests read without
/// a lock. Adding a route or middleware after that is a programming error that names the route.
public final class App: RouteRegistrar, Sendable {
    private struct State: Sendable {
        var router = Router()
        var middleware: [any Middleware] = []
        var services: [any Service] = []
        var responder: Responder?
        var server: ServerConfiguration
        var freezeHooks: [@Sendable () -> Void] = []
    }

    /// Settings read by the app and its extensions (`OAUTH2_*`, `AUTHLIB_INSECURE_TRANSPORT`, ...).
    public let config: Config
    /// Objects attached to this app by `initApp(_:)`-style setup, keyed by type.
    public let extensions = TypedStorage()
    /// The app's logger; errors that become a 500 are logged here with their details.
    public let logger: Logger
    private let state: SetupState<State>

    /// Creates an app.
    ///
    /// - Parameters:
    ///   - config: settings; `.environment()` reads the process environment.
    ///   - server: listening address and limits.
    ///   - logger: where errors and the access log go.
    public init(
        config: Config = .environment(),
        server: ServerConfiguration = ServerConfiguration(),
        logger: Logger = Logger(label: "Gatehouse")
    ) {
        self.config = config
        self.logger = logger
        self.state = SetupState(State(server: server), owner: "App")
    }

    /// The server settings used by ``run()``; set them before the app serves.
    public var serverConfiguration: ServerConfiguration {
        get { state.read { $0.server } }
        set { state.update("change the server configuration") { $0.server = newValue } }
    }

    /// Adds middleware that runs for every request, matched or not, in the order added.
    public func use(_ middleware: any Middleware) {
        state.update("add middleware \(type(of: middleware))") { $0.middleware.append(middleware) }
    }

    /// Adds a background service (a purge task, say) that runs and stops with the server.
    public func addService(_ service: any Service) {
        state.update("add service \(type(of: service))") { $0.services.append(service) }
    }

    public func on(_ method: HTTPRequest.Method, _ path: String, middleware: [any Middleware], use handler: @escaping Responder) {
        let responder = middleware.wrap(handler)
        state.update("add route \(method.rawValue) \(path)") { $0.router.add(method, path, responder: responder) }
    }

    /// Runs `hook` when the app freezes, before its first request: objects attached by
    /// `initApp(_:)` freeze their own settings with the app this way.
    public func onFreeze(_ hook: @escaping @Sendable () -> Void) {
        state.update("add a freeze hook") { $0.freezeHooks.append(hook) }
    }

    /// Whether the app is frozen (serving, or about to).
    public var isFrozen: Bool { state.isFrozen }

    /// Freezes the app: runs the ``onFreeze(_:)`` hooks, freezes ``config`` and builds the
    /// middleware chain once. Idempotent; ``run()``, ``makeServer(_:)``, the test client and the
    /// first request call it.
    ///
    /// - Returns: the chain that answers every request.
    @discardableResult
    public func freeze() -> Responder {
        if let responder = state.frozenSnapshot?.value.responder { return responder }
        let snapshot = state.freeze { state in
            for hook in state.freezeHooks { hook() }
            config.freeze()
            state.responder = Self.makeResponder(router: state.router, middleware: state.middleware)
        }
        return snapshot.value.responder ?? Self.makeResponder(router: Router(), middleware: [])
    }

    /// Answers `request`: runs the global middleware, routes, and turns errors into responses
    /// (an ``HTTPResponseError`` into its response, anything else into a 500 with no details).
    public func respond(to request: Request) async -> Response {
        let responder = state.frozenSnapshot?.value.responder ?? freeze()
        do {
            return try await responder(request)
        } catch {
            return render(error, for: request)
        }
    }

    /// Renders an error as the response the client gets; used by ``respond(to:)``.
    public func render(_ error: any Error, for request: Request) -> Response {
        if let error = error as? any HTTPResponseError {
            return error.response(for: request)
        }
        logger.error("Unhandled error for \(request.method.rawValue) \(request.rawPath): \(String(reflecting: error))")
        return .text("Internal Server Error", status: .internalServerError)
    }

    private static func makeResponder(router: Router, middleware: [any Middleware]) -> Responder {
        // Decided once per chain: only an app with a route-observing global middleware pays for
        // storing the route in the request's shared locals.
        let sharesRoute = middleware.contains { $0 is any RouteObservingMiddleware }
        let dispatch: Responder = { request in
            switch try router.match(request.method, rawPath: request.rawPath) {
            case .found(let responder, let parameters, let route):
                var request = request
                request.parameters = parameters
                request.matchedRoute = route
                if sharesRoute { request.locals[MatchedRouteKey.self] = route }
                return try await CurrentRequest.$value.withValue(request) { try await responder(request) }
            case .methodNotAllowed(let allowed, let route):
                if sharesRoute { request.locals[MatchedRouteKey.self] = route }
                throw HTTPError(.methodNotAllowed, headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")])
            case .notFound:
                throw HTTPError(.notFound)
            }
        }
        return middleware.wrap(dispatch)
    }

    /// Makes the HTTP server for this app (with ``serverConfiguration`` unless one is given).
    public func makeServer(_ configuration: ServerConfiguration? = nil) -> HTTPServer {
        freeze()
        return HTTPServer(configuration: configuration ?? serverConfiguration, logger: logger) { [self] request in
            await self.respond(to: request)
        }
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully: stops accepting, finishes the
    /// requests in flight, stops the background services.
    public func run() async throws {
        try await serve(makeServer())
    }

    /// Serves on `host:port` (see ``run()``).
    public func run(host: String, port: Int) async throws {
        var configuration = serverConfiguration
        configuration.host = host
        configuration.port = port
        try await serve(makeServer(configuration))
    }

    private func serve(_ server: HTTPServer) async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: server)] + state.current.services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
    }
}
