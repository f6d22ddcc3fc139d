public import HTTPTypes
public import Logging
import NIOConcurrencyHelpers
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
/// Routes and middleware may be added until the first request is served; the chain is built once
/// then (and rebuilt if something is added later). Objects created before the app, such as an
/// authorization server, attach themselves with their `initApp(_:)`, storing state in
/// ``extensions``.
public final class App: RouteRegistrar, Sendable {
    private struct State {
        var router = Router()
        var middleware: [any Middleware] = []
        var services: [any Service] = []
        var responder: Responder?
        var server: ServerConfiguration
    }

    /// Settings read by the app and its extensions (`OAUTH2_*`, `AUTHLIB_INSECURE_TRANSPORT`, ...).
    public let config: Config
    /// Objects attached to this app by `initApp(_:)`-style setup, keyed by type.
    public let extensions = TypedStorage()
    /// The app's logger; errors that become a 500 are logged here with their details.
    public let logger: Logger
    private let state: NIOLockedValueBox<State>

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
        self.state = NIOLockedValueBox(State(server: server))
    }

    /// The server settings used by ``run()``.
    public var serverConfiguration: ServerConfiguration {
        get { state.withLockedValue { $0.server } }
        set { state.withLockedValue { $0.server = newValue } }
    }

    /// Adds middleware that runs for every request, matched or not, in the order added.
    public func use(_ middleware: any Middleware) {
        state.withLockedValue {
            $0.middleware.append(middleware)
            $0.responder = nil
        }
    }

    /// Adds a background service (a purge task, say) that runs and stops with the server.
    public func addService(_ service: any Service) {
        state.withLockedValue { $0.services.append(service) }
    }

    public func on(_ method: HTTPRequest.Method, _ path: String, middleware: [any Middleware], use handler: @escaping Responder) {
        let responder = middleware.wrap(handler)
        state.withLockedValue {
            $0.router.add(method, path, responder: responder)
            $0.responder = nil
        }
    }

    /// Answers `request`: runs the global middleware, routes, and turns errors into responses
    /// (an ``HTTPResponseError`` into its response, anything else into a 500 with no details).
    public func respond(to request: Request) async -> Response {
        let responder = state.withLockedValue { state in
            if let responder = state.responder { return responder }
            let responder = Self.makeResponder(router: state.router, middleware: state.middleware)
            state.responder = responder
            return responder
        }
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
        HTTPServer(configuration: configuration ?? serverConfiguration, logger: logger) { [self] request in
            await self.respond(to: request)
        }
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully: stops accepting, finishes the
    /// requests in flight, stops the background services.
    public func run() async throws {
        let server = makeServer()
        let services = state.withLockedValue { $0.services }
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: server)] + services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
    }

    /// Serves on `host:port` (see ``run()``).
    public func run(host: String, port: Int) async throws {
        state.withLockedValue {
            $0.server.host = host
            $0.server.port = port
        }
        try await run()
    }
}
