public import HTTPCore
import HTTPTypes
import NIOCore
public import OAuthHTTP

extension Request {
    /// This request as both protocol cores see it: the head with the *effective* scheme and host
    /// (after trusted proxies; what an OAuth 1 client signed), the header fields as they are (no
    /// copy), the body bytes and the client's address.
    ///
    /// - Parameter formBodyOnly: copy the body only when it is `application/x-www-form-urlencoded`,
    ///   the only body the cores read parameters from; any other body is left out, so a guarded
    ///   upload is not copied on every request.
    /// - Returns: the seam value.
    public func oauthHTTPRequest(formBodyOnly: Bool = false) -> OAuthHTTPRequest {
        let head = HTTPRequest(method: method, scheme: scheme, authority: host ?? "localhost", path: target, headerFields: headers)
        var bytes: [UInt8] = []
        if body.readableBytes > 0, !formBodyOnly || isFormBody {
            bytes = Array(body.readableBytesView)
        }
        return OAuthHTTPRequest(head: head, body: bytes, clientAddress: clientAddress)
    }

    /// Whether `Content-Type` is a form: the loosest test either core makes (a prefix, case-insensitive),
    /// so no body a core would decode is left out.
    private var isFormBody: Bool {
        for field in headers where field.name == .contentType {
            if field.value.lowercased().contains("application/x-www-form-urlencoded") { return true }
        }
        return false
    }
}

extension Response {
    /// Converts the response value both protocol cores produce: status code, header fields in
    /// order, body bytes.
    public init(_ response: OAuthHTTPResponse) {
        // The code alone, as before the seam: the server writes the reason phrase of the code.
        self.init(
            status: HTTPResponse.Status(code: response.status.code),
            headers: response.headerFields,
            body: ByteBuffer(bytes: response.body)
        )
    }
}
