import HTTPCore
import HTTPTypes
import Tracing

/// The tracing span around an OAuth endpoint's handling (`OAuth2.token`, `OAuth1.initiate`, ...):
/// a child of the request's span from `TracingMiddleware`, parent of the store calls' spans.
/// With no tracer bootstrapped it is a no-op.
enum EndpointSpan {
    /// Runs `body` in a span named `name`, recording the status of the response it makes; a 5xx
    /// marks the span as failed.
    static func run(_ name: String, _ body: () async -> Response) async -> Response {
        await withSpan(name) { span in
            let response = await body()
            if span.isRecording {
                span.attributes["http.response.status_code"] = Int(response.status.code)
                if response.status.kind == .serverError { span.setStatus(SpanStatus(code: .error)) }
            }
            return response
        }
    }
}
