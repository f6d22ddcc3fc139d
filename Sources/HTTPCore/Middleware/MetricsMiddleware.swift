import Dispatch
import HTTPTypes
public import Metrics

/// Records a request counter, a duration timer, an error counter and an in-flight gauge for every
/// request, labelled by route pattern, method and status (Hummingbird's `MetricsMiddleware`).
///
/// ```swift
/// MetricsSystem.bootstrap(PrometheusMetricsFactory())   // once, at start
/// let app = App()
/// app.use(MetricsMiddleware())                          // first, so it times everything
/// ```
///
/// The series, named for a Prometheus scrape:
/// - `gatehouse_http_requests_total{http_route, http_request_method, http_response_status_code}`
/// - `gatehouse_http_request_duration_seconds{...the same}`: the time until the response was made
/// - `gatehouse_http_request_errors_total{http_route, http_request_method, error_type}`: requests
///   that ended in a thrown error (a `404` for an unknown path, a refused guard, a failure), with
///   the status it became
/// - `gatehouse_http_active_requests{http_request_method}`
///
/// `http_route` is the matched pattern (`/users/:id`, see ``Request/route``), never the raw path,
/// so the number of series is bounded; requests that match no route count as `NotFound`. Methods
/// outside the standard set count as `_OTHER`.
///
/// Uses [swift-metrics](https://github.com/apple/swift-metrics): bootstrap a backend before
/// creating the middleware, or pass `factory`.
public struct MetricsMiddleware: RouteObservingMiddleware {
    /// The request counter's label.
    public static let requestsLabel = "gatehouse_http_requests_total"
    /// The duration timer's label.
    public static let durationLabel = "gatehouse_http_request_duration_seconds"
    /// The error counter's label.
    public static let errorsLabel = "gatehouse_http_request_errors_total"
    /// The in-flight gauge's label.
    public static let activeRequestsLabel = "gatehouse_http_active_requests"

    private let cache: HTTPMetricsCache

    /// Creates the middleware.
    ///
    /// - Parameter factory: where metrics go. **Default:** `MetricsSystem.factory` at the time of
    ///   this call: the bootstrapped backend, or the one bound by `withMetricsFactory` (tests).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.cache = HTTPMetricsCache(factory: factory)
    }

    public func handle(_ request: Request, next: Responder) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let method = HTTPMetricsCache.methodLabel(request.method)
        let active = cache.activeRequests(method: method)
        active.increment()
        defer { active.decrement() }
        do {
            let response = try await next(request)
            let metrics = cache.endpoint(
                route: request.route ?? HTTPMetricsCache.notFoundRoute,
                method: method,
                status: response.status.code
            )
            metrics.requests.increment()
            metrics.duration.recordNanoseconds(Self.elapsed(since: start))
            return response
        } catch {
            let route = request.route ?? HTTPMetricsCache.notFoundRoute
            let status = HTTPErrorStatus.of(error, for: request).code
            let metrics = cache.endpoint(route: route, method: method, status: status)
            metrics.requests.increment()
            metrics.duration.recordNanoseconds(Self.elapsed(since: start))
            cache.errors(route: route, method: method, status: status).increment()
            throw error
        }
    }

    private static func elapsed(since start: UInt64) -> Int64 {
        Int64(clamping: DispatchTime.now().uptimeNanoseconds &- start)
    }
}
