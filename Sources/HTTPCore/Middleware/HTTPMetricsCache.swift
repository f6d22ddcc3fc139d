import HTTPTypes
import Metrics
import NIOConcurrencyHelpers

/// The metric objects of ``MetricsMiddleware``, made once per label set and kept: a request then
/// costs one dictionary look-up, not a trip through the metrics factory.
///
/// Every dimension is bounded: routes by the registered patterns (plus ``notFoundRoute``), methods
/// by the standard ones (others become `_OTHER`), statuses by the three-digit codes.
final class HTTPMetricsCache: Sendable {
    /// The route label of a request that matched no route.
    static let notFoundRoute = "NotFound"

    struct Key: Hashable, Sendable {
        var route: String
        var method: String
        var status: Int
    }

    struct Endpoint: Sendable {
        let requests: Counter
        let duration: Timer
    }

    private let factory: any MetricsFactory
    private let endpoints = NIOLockedValueBox<[Key: Endpoint]>([:])
    private let errors = NIOLockedValueBox<[Key: Counter]>([:])
    private let activeRequests = NIOLockedValueBox<[String: Meter]>([:])

    init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// The counter and timer for one route, method and status.
    func endpoint(route: String, method: String, status: Int) -> Endpoint {
        let key = Key(route: route, method: method, status: status)
        return endpoints.withLockedValue { cache in
            if let found = cache[key] { return found }
            let dimensions = [
                ("http_route", route), ("http_request_method", method), ("http_response_status_code", String(status)),
            ]
            let endpoint = Endpoint(
                requests: Counter(label: MetricsMiddleware.requestsLabel, dimensions: dimensions, factory: factory),
                duration: Timer(
                    label: MetricsMiddleware.durationLabel,
                    dimensions: dimensions,
                    preferredDisplayUnit: .seconds,
                    factory: factory
                )
            )
            cache[key] = endpoint
            return endpoint
        }
    }

    /// The error counter for one route, method and status; made on the first error only, so
    /// routes that never fail show no error series.
    func errors(route: String, method: String, status: Int) -> Counter {
        let key = Key(route: route, method: method, status: status)
        return errors.withLockedValue { cache in
            if let found = cache[key] { return found }
            let counter = Counter(
                label: MetricsMiddleware.errorsLabel,
                dimensions: [("http_route", route), ("http_request_method", method), ("error_type", String(status))],
                factory: factory
            )
            cache[key] = counter
            return counter
        }
    }

    /// The gauge of requests in progress for `method`.
    func activeRequests(method: String) -> Meter {
        activeRequests.withLockedValue { cache in
            if let found = cache[method] { return found }
            let meter = Meter(
                label: MetricsMiddleware.activeRequestsLabel,
                dimensions: [("http_request_method", method)],
                factory: factory
            )
            cache[method] = meter
            return meter
        }
    }

    /// The method as a label: a standard method by name, anything else `_OTHER` (OpenTelemetry's
    /// rule), so clients cannot mint new series with made-up methods.
    static func methodLabel(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get, .head, .post, .put, .delete, .connect, .options, .trace, .patch: return method.rawValue
        default: return "_OTHER"
        }
    }
}
