public import Hummingbird
public import OAuthHTTP

extension Request {
    /// This request as both protocol cores see it (the seam value `OAuthHTTPRequest`).
    ///
    /// The body is collected only when it is `application/x-www-form-urlencoded` (the only body
    /// either core reads), at most `context.maxUploadSize` bytes, and stays readable by the
    /// handler: this request's body is replaced by the collected bytes.
    ///
    /// - Parameters:
    ///   - context: the request context: its upload limit, and its remote address when it has one
    ///     (`RemoteAddressRequestContext`), for throttling.
    ///   - scheme: the scheme the client addressed when the head has none, as behind a proxy that
    ///     ends TLS. **Default:** `http`; pass `"https"` when serving TLS or behind such a proxy.
    /// - Returns: the seam value.
    /// - Throws: Hummingbird's 413 when the form body is larger than the context allows.
    public mutating func oauthHTTPRequest(context: some RequestContext, scheme: String = "http") async throws -> OAuthHTTPRequest {
        var head = self.head
        if head.scheme == nil { head.scheme = scheme }
        if head.authority == nil { head.authority = "localhost" }
        var body: [UInt8] = []
        if isFormBody {
            let buffer = try await collectBody(upTo: context.maxUploadSize)
            body = Array(buffer.readableBytesView)
        }
        let address = (context as? any RemoteAddressRequestContext)?.remoteAddress?.ipAddress
        return OAuthHTTPRequest(head: head, body: body, clientAddress: address)
    }

    /// Whether `Content-Type` is a form: the loosest test either core makes, so no body a core would
    /// decode is left out.
    private var isFormBody: Bool {
        headers[values: .contentType].contains { $0.lowercased().contains("application/x-www-form-urlencoded") }
    }
}

extension Response {
    /// The response both protocol cores produce (status, header fields in order, body) as
    /// Hummingbird's.
    public init(_ response: OAuthHTTPResponse) {
        self.init(
            status: response.status,
            headers: response.headerFields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body))
        )
    }
}
