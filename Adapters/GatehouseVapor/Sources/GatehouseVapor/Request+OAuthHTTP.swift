import HTTPTypes
import NIOCore
import NIOHTTP1
public import OAuthHTTP
public import Vapor

extension Vapor.Request {
    /// This request as both protocol cores see it (the seam value `OAuthHTTPRequest`): Vapor's
    /// NIOHTTP1 head in swift-http-types, and the body when it is a form (the only body either core
    /// reads), collected up to the route's limit.
    ///
    /// - Parameter scheme: the scheme the client addressed, as behind a proxy that ends TLS.
    ///   **Default:** `https` when the application serves TLS, else `http`.
    /// - Returns: the seam value.
    /// - Throws: Vapor's 413 when the form body is larger than the application allows.
    public func oauthHTTPRequest(scheme: String? = nil) async throws -> OAuthHTTPRequest {
        var fields = HTTPFields()
        for (name, value) in headers where !name.elementsEqual("host", by: { $0.lowercased() == $1.lowercased() }) {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        let scheme = scheme ?? application.oauthScheme
        let authority = headers.first(name: .host) ?? "localhost"
        let head = HTTPRequest(
            method: HTTPRequest.Method(method.rawValue) ?? .get,
            scheme: scheme,
            authority: authority,
            path: url.string,
            headerFields: fields
        )
        var body: [UInt8] = []
        if isFormBody {
            body = Array(try await self.body.collect(upTo: application.routes.defaultMaxBodySize.value).readableBytesView)
        }
        return OAuthHTTPRequest(head: head, body: body, clientAddress: peerAddress?.ipAddress ?? remoteAddress?.ipAddress)
    }

    /// Whether `Content-Type` is a form: the loosest test either core makes.
    private var isFormBody: Bool {
        headers[.contentType].contains { $0.lowercased().contains("application/x-www-form-urlencoded") }
    }
}

extension Vapor.Response {
    /// The response both protocol cores produce (status, header fields in order, body) as Vapor's.
    public convenience init(_ response: OAuthHTTPResponse) {
        var headers = HTTPHeaders()
        for field in response.headerFields { headers.add(name: field.name.rawName, value: field.value) }
        self.init(
            status: HTTPResponseStatus(statusCode: response.status.code),
            headers: headers,
            body: .init(buffer: ByteBuffer(bytes: response.body))
        )
    }
}
