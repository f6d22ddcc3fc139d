public import HTTPTypes

/// A plain HTTP error: a status, an optional client-visible message and optional extra headers.
///
/// ```swift
/// throw HTTPError(.notFound)
/// throw HTTPError(.badRequest, message: "Missing 'q'")
/// ```
public struct HTTPError: HTTPResponseError, Hashable, CustomStringConvertible {
    /// The response status.
    public var status: HTTPResponse.Status
    /// Shown to the client in the body; keep secrets and internals out of it.
    public var message: String?
    /// Extra header fields for the response (`Allow`, `WWW-Authenticate`, ...).
    public var headers: HTTPFields

    /// Creates an error response with `status`, an optional body message and extra headers.
    public init(_ status: HTTPResponse.Status, message: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    public func response(for request: Request) -> Response {
        var response = Response.text(message ?? status.reasonPhrase, status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    public var description: String {
        "HTTPError(\(status.code)\(message.map { ": \($0)" } ?? ""))"
    }
}
