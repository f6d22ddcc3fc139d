/// A global middleware that reads ``Request/route`` after `next` returns, as metrics and tracing
/// middleware do to label a request by its route pattern instead of its raw path.
///
/// Global middleware runs before routing, so the route is not on the request it holds. When one
/// of the app's global middleware conforms to this protocol, the app also records the matched
/// route in the request's shared ``Request/locals``, where ``Request/route`` finds it; apps
/// without such middleware skip that store entirely. Conforming takes no code:
///
/// ```swift
/// struct RouteLogger: RouteObservingMiddleware {
///     func handle(_ request: Request, next: Responder) async throws -> Response {
///         let response = try await next(request)
///         print(request.route ?? "NotFound", response.status.code)
///         return response
///     }
/// }
/// ```
public protocol RouteObservingMiddleware: Middleware {}
