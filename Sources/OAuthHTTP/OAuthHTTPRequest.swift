import GatehouseCommon
public import HTTPTypes

/// One HTTP request as both protocol cores see it: the request head on swift-http-types, the body
/// bytes and the client's address. The seam between an HTTP stack and OAuth 1 or OAuth 2.
///
/// An HTTP layer (OAuthMiddleware for HTTPCore; an adapter for Hummingbird or Vapor, which speak
/// the same `HTTPRequest`) builds it once per request; `OAuth1Request` and `OAuth2Request` parse
/// it. The head carries the *effective* scheme and authority (what the client addressed, after
/// trusted proxies), because OAuth 1 signs the absolute URI and OAuth 2 checks the transport.
///
/// ```swift
/// let request = OAuthHTTPRequest(
///     head: HTTPRequest(method: .post, scheme: "https", authority: "server.example", path: "/token",
///                       headerFields: [.contentType: "application/x-www-form-urlencoded"]),
///     body: Array("grant_type=client_credentials".utf8))
/// request.uri  // "https://server.example/token"
/// ```
public struct OAuthHTTPRequest: Sendable {
    /// The request head: method, scheme, authority, path (with the query) and header fields.
    public var head: HTTPRequest
    /// The body bytes (empty when there is none).
    public var body: [UInt8]
    /// The client's address as the HTTP layer knows it (the peer, or the client a trusted proxy
    /// names), for brute-force throttling; `nil` when unknown.
    public var clientAddress: String?

    /// Creates a request from its head, body and client address.
    public init(head: HTTPRequest, body: [UInt8] = [], clientAddress: String? = nil) {
        self.head = head
        self.body = body
        self.clientAddress = clientAddress
    }

    /// Creates a request from an absolute URI, as tests, fuzzers and clients that sign a URI have it.
    ///
    /// `uri` is split into scheme, authority and path (with the query); a URI without `://` is kept
    /// whole as the path, so ``uri`` gives it back unchanged. Header fields with an invalid name are
    /// dropped; values are legalised as `HTTPFields` does.
    ///
    /// - Parameters:
    ///   - method: the method.
    ///   - uri: the absolute request URI.
    ///   - headers: header fields in order.
    ///   - body: the body bytes.
    ///   - clientAddress: the client's address.
    public init(
        method: HTTPRequest.Method,
        uri: String,
        headers: [(String, String)] = [],
        body: [UInt8] = [],
        clientAddress: String? = nil
    ) {
        var fields = HTTPFields()
        for (name, value) in headers { fields.append(name, value) }
        let (scheme, authority, path) = Self.split(uri)
        self.init(
            head: HTTPRequest(method: method, scheme: scheme, authority: authority, path: path, headerFields: fields),
            body: body,
            clientAddress: clientAddress
        )
    }

    /// Splits an absolute URI into scheme, authority and path; a URI without `scheme://` is all path.
    private static func split(_ uri: String) -> (scheme: String?, authority: String?, path: String) {
        let utf8 = uri.utf8
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")), utf8[colon...].starts(with: "://".utf8),
            !utf8[..<colon].contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") })
        else { return (nil, nil, uri) }
        let authorityStart = utf8.index(colon, offsetBy: 3)
        let pathStart =
            utf8[authorityStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
            ?? utf8.endIndex
        return (String(uri[..<colon]), String(uri[authorityStart..<pathStart]), String(uri[pathStart...]))
    }

    /// The method as sent (`GET`, `POST`).
    public var method: String { head.method.rawValue }

    /// The request URI: `scheme://authority` and the path with its query, or only the path when the
    /// head has no scheme or authority (a relative request, which the cores refuse where they need
    /// an absolute one).
    public var uri: String {
        let path = head.path ?? ""
        guard let scheme = head.scheme, let authority = head.authority else { return path }
        return AbsoluteURI.join(scheme: scheme, authority: authority, target: path)
    }

    /// What follows `?` in the path, fragment included if one was sent; `nil` without a `?`.
    public var rawQuery: Substring? {
        guard let path = head.path, let mark = path.utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        return path[path.utf8.index(after: mark)...]
    }

    /// The value of the header `name`; repeated fields are joined with `, ` (`nil` when absent).
    ///
    /// A scan over the fields: `HTTPFields`' subscript builds a name index first, which costs more
    /// than the few fields an OAuth check reads.
    public func header(_ name: HTTPField.Name) -> String? {
        var value: String?
        for field in head.headerFields where field.name == name {
            if let existing = value { value = existing + ", " + field.value } else { value = field.value }
        }
        return value
    }

    /// The value of the header `name`, matched case-insensitively; `nil` when absent or when
    /// `name` is not a valid field name.
    public func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { header($0) }
    }
}
