public import HTTPTypes
public import NIOCore

/// An HTTP response: status, header fields and a body.
///
/// Build one with the helpers (``text(_:status:)``, ``html(_:status:)``, ``json(_:status:encoder:)``,
/// ``form(_:status:)``, ``redirect(to:status:)``) or field by field.
public struct Response: Sendable {
    /// The status code and reason.
    public var status: HTTPResponse.Status
    /// The header fields. `Content-Length` is set by the server from the body.
    public var headers: HTTPFields
    /// The body bytes.
    public var body: ByteBuffer

    /// Creates a response.
    public init(status: HTTPResponse.Status = .ok, headers: HTTPFields = [:], body: ByteBuffer = ByteBuffer()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Adds a `Set-Cookie` header.
    public mutating func setCookie(_ cookie: Cookie) {
        headers.append(HTTPField(name: .setCookie, value: cookie.headerValue))
    }
}
