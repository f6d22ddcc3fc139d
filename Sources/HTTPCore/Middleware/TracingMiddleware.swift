import GatehouseCommon
public import HTTPTypes
import NIOCore
public import Tracing

/// Starts a distributed-tracing span for every request, with the HTTP semantic attributes
/// (Hummingbird's `TracingMiddleware`).
///
/// ```swift
/// InstrumentationSystem.bootstrap(myTracer)    // once, at start (an OpenTelemetry exporter, say)
/// app.use(TracingMiddleware(recordingHeaders: [.userAgent]))   // OAuth secrets in queries redacted
/// ```
///
/// The span is a `server` span, a child of the context extracted from the request's headers by the
/// bootstrapped instrument (W3C `traceparent`, say), and the current span for the handler, so the
/// spans the OAuth endpoints and stores start nest under it. Named `GET` until routing, then
/// `GET /users/:id` with the route pattern (``Request/route``), it carries
/// `http.request.method`, `url.path`, `url.query` (named parameters redacted), `url.scheme`,
/// `network.protocol.version`, `user_agent.original`, `http.request.body.size`,
/// `net.sock.peer.addr`, `http.route`, `http.response.status_code`, `http.response.body.size`
/// and the headers asked for. A 5xx sets the error status; a thrown error is recorded.
///
/// With no tracer bootstrapped the span is a no-op and no attribute is built.
public struct TracingMiddleware: RouteObservingMiddleware {
    /// Query parameters whose values never reach a trace unless asked for: OAuth codes, tokens,
    /// secrets, verifiers and signatures, which some clients send in the query.
    public static let defaultRedactedQueryParameters: Set<String> = [
        "code", "access_token", "refresh_token", "id_token", "token", "client_secret", "password", "code_verifier",
        "oauth_token", "oauth_verifier", "oauth_signature",
    ]

    private let headersToRecord: [RecordedHeader]
    private let queryParametersToRedact: Set<String>
    private let attributes: SpanAttributes?

    /// Creates the middleware.
    ///
    /// - Parameters:
    ///   - recordingHeaders: request and response header fields to record as
    ///     `http.request.header.<name>` / `http.response.header.<name>`. **Default:** none.
    ///   - redactingQueryParameters: query parameters whose values become `REDACTED` in `url.query`.
    ///     **Default:** ``defaultRedactedQueryParameters`` (OAuth codes, tokens and secrets).
    ///   - attributes: static attributes added to every span (`server.address`, say).
    public init(
        recordingHeaders: some Collection<HTTPField.Name> = [],
        redactingQueryParameters: Set<String> = TracingMiddleware.defaultRedactedQueryParameters,
        attributes: SpanAttributes? = nil
    ) {
        self.headersToRecord = recordingHeaders.map(RecordedHeader.init)
        self.queryParametersToRedact = redactingQueryParameters
        self.attributes = attributes
    }

    public func handle(_ request: Request, next: Responder) async throws -> Response {
        var context = InstrumentationContext.current ?? .topLevel
        InstrumentationSystem.instrument.extract(request.headers, into: &context, using: HTTPFieldsExtractor())
        let span = startSpan(request.method.rawValue, context: context, ofKind: .server)
        if span.isRecording {
            span.updateAttributes { attributes in recordRequest(request, into: &attributes) }
        }
        do {
            let response = try await InstrumentationContext.$current.withValue(span.context) {
                try await next(request)
            }
            if span.isRecording {
                nameSpan(span, request: request)
                span.updateAttributes { attributes in
                    attributes["http.response.status_code"] = Int(response.status.code)
                    attributes["http.response.body.size"] = response.body.readableBytes
                    record(response.headers, into: &attributes, prefix: "http.response.header.")
                }
                if response.status.kind == .serverError { span.setStatus(SpanStatus(code: .error)) }
            }
            span.end()
            return response
        } catch {
            if span.isRecording {
                nameSpan(span, request: request)
                let status = HTTPErrorStatus.of(error, for: request)
                span.attributes["http.response.status_code"] = Int(status.code)
                if status.kind == .serverError { span.setStatus(SpanStatus(code: .error)) }
                span.recordError(error)
            }
            span.end()
            throw error
        }
    }

    private func nameSpan(_ span: any Span, request: Request) {
        guard let route = request.route else { return }
        span.operationName = request.method.rawValue + " " + route
        span.attributes["http.route"] = route
    }

    private func recordRequest(_ request: Request, into attributes: inout SpanAttributes) {
        if let staticAttributes = self.attributes { attributes.merge(staticAttributes) }
        attributes["http.request.method"] = request.method.rawValue
        attributes["url.path"] = String(request.rawPath)
        if let query = request.rawQuery {
            attributes["url.query"] = queryParametersToRedact.isEmpty ? String(query) : redacted(query)
        }
        attributes["url.scheme"] = request.scheme
        attributes["network.protocol.version"] = "\(request.version.major).\(request.version.minor)"
        attributes["user_agent.original"] = request.headers[.userAgent]
        attributes["http.request.body.size"] = request.body.readableBytes
        attributes["net.sock.peer.addr"] = request.clientAddress
        record(request.headers, into: &attributes, prefix: "http.request.header.")
    }

    /// The query with the values of the redacted parameters replaced, names and order kept.
    private func redacted(_ query: Substring) -> String {
        query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? pair
            let decoded = (try? PercentEncoding.decode(name.replacing("+", with: " "))) ?? String(name)
            return queryParametersToRedact.contains(decoded) ? "\(name)=REDACTED" : String(pair)
        }.joined(separator: "&")
    }

    private func record(_ headers: HTTPFields, into attributes: inout SpanAttributes, prefix: String) {
        for header in headersToRecord {
            let values = headers[values: header.name]
            guard !values.isEmpty else { continue }
            let key = prefix + header.attributeName
            if values.count == 1 {
                attributes[key] = values[0]
            } else {
                attributes[key] = values
            }
        }
    }
}

/// A header to record, with its attribute name (lower case, `-` as `_`, as the conventions say).
private struct RecordedHeader: Sendable {
    let name: HTTPField.Name
    let attributeName: String

    init(_ name: HTTPField.Name) {
        self.name = name
        self.attributeName = name.canonicalName.replacing("-", with: "_")
    }
}

/// Reads trace context (`traceparent`, ...) from request headers for the instrument.
private struct HTTPFieldsExtractor: Extractor {
    func extract(key name: String, from headers: HTTPFields) -> String? {
        guard let name = HTTPField.Name(name) else { return nil }
        return headers[name]
    }
}
