import FoundationEssentials
public import GatehouseCommon
import HTTPTypes
public import OAuthHTTP

/// The HTTP request as the OAuth 2.0 core sees it: the shared seam value (``/OAuthHTTP/OAuthHTTPRequest``)
/// with its query and form body decoded once.
///
/// The HTTP layer builds the seam value once per request (OAuthMiddleware's
/// `Request+OAuth2Request.swift`) and ``init(_:decodingQuery:)`` parses it. Query and form keep every
/// pair in order, so a parameter sent twice can be refused (RFC 6749 §3.1, §3.2).
///
/// ```swift
/// let request = try OAuth2Request.parse(
///     method: "POST", uri: "https://server.example/token",
///     headers: ["Content-Type": "application/x-www-form-urlencoded"],
///     body: Array("grant_type=client_credentials".utf8))
/// ```
public struct OAuth2Request: Sendable {
    /// The request as the HTTP layer handed it over: head, body bytes, client address.
    public private(set) var http: OAuthHTTPRequest
    /// The decoded URL query.
    public var query: Parameters
    /// The decoded `application/x-www-form-urlencoded` body (empty for other bodies).
    public var form: Parameters

    /// The HTTP method, upper-case (`GET`, `POST`).
    public var method: String {
        let method = http.method
        return method.utf8.contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) ? method.uppercased() : method
    }
    /// The absolute request URI, with scheme and host (`https://server.example/authorize?...`).
    public var uri: String { http.uri }
    /// The client's address as the HTTP layer knows it (the peer, or the client a trusted proxy
    /// names), for brute-force throttling; `nil` when unknown.
    public var clientAddress: String? {
        get { http.clientAddress }
        set { http.clientAddress = newValue }
    }

    /// Parses a request: the one parser of OAuth 2 parameters, behind every endpoint and the
    /// bearer guard. Decodes the query (when `decodingQuery`) and, for a form content type, the body.
    ///
    /// - Parameters:
    ///   - http: the request.
    ///   - decodingQuery: `false` leaves ``query`` empty, for a check that reads no query (a bearer
    ///     guard that does not accept `access_token` there).
    /// - Throws: `invalid_request` when the query or the form body is not valid form encoding,
    ///   or when a parameter holds a NUL.
    public init(_ http: OAuthHTTPRequest, decodingQuery: Bool = true) throws(OAuth2Error) {
        self.init(http: http)
        do {
            if decodingQuery, let rawQuery = http.rawQuery {
                query = try FormURLEncoding.decode(rawQuery.split(separator: "#", maxSplits: 1).first ?? "")
            }
            if hasFormBody, !http.body.isEmpty {
                form = try FormURLEncoding.decode(bytes: http.body)
            }
        } catch {
            throw .invalidRequest("Malformed form encoding: \(error.description)")
        }
        // No OAuth parameter may hold a NUL (RFC 6749 Appendix A: printable characters); refusing it
        // here keeps it from every store, where it would truncate a C string or fail a statement.
        if Self.holdsNUL(query) || Self.holdsNUL(form) {
            throw .invalidRequest("Parameters must not contain NUL characters.")
        }
    }

    /// Creates a request whose query and form are already decoded (test helpers build requests
    /// this way); nothing is parsed or checked.
    ///
    /// - Parameters:
    ///   - http: the request.
    ///   - query: the decoded query.
    ///   - form: the decoded form body.
    public init(http: OAuthHTTPRequest, query: Parameters = [:], form: Parameters = [:]) {
        self.http = http
        self.query = query
        self.form = form
    }

    /// Creates a request from an absolute URI and already decoded parts, as tests have them
    /// (see ``init(http:query:form:)``).
    ///
    /// - Throws: `invalid_request` for a method that is not an HTTP token.
    public init(
        method: String,
        uri: String,
        headers: [String: String] = [:],
        query: Parameters = [:],
        form: Parameters = [:]
    ) throws(OAuth2Error) {
        self.init(http: try Self.http(method: method, uri: uri, headers: headers, body: []), query: query, form: form)
    }

    /// Builds a request from a raw URI and body and parses it with ``init(_:decodingQuery:)``.
    ///
    /// - Throws: `invalid_request` for a method that is not an HTTP token, when the query or the
    ///   form body is not valid form encoding, or when a parameter holds a NUL.
    public static func parse(
        method: String,
        uri: String,
        headers: [String: String] = [:],
        body: [UInt8] = []
    ) throws(OAuth2Error) -> OAuth2Request {
        try OAuth2Request(try http(method: method, uri: uri, headers: headers, body: body))
    }

    private static func http(
        method: String,
        uri: String,
        headers: [String: String],
        body: [UInt8]
    ) throws(OAuth2Error)
        -> OAuthHTTPRequest
    {
        guard let method = HTTPRequest.Method(method) else { throw .invalidRequest("The method is not an HTTP token.") }
        return OAuthHTTPRequest(method: method, uri: uri, headers: headers.map { ($0.key, $0.value) }, body: body)
    }

    /// Whether a name or a value of `parameters` holds a NUL (a scan; no copy of the pairs).
    private static func holdsNUL(_ parameters: Parameters) -> Bool {
        parameters.pairs.contains { $0.name.utf8.contains(0) || $0.value.utf8.contains(0) }
    }

    /// The value of a header (name matched case-insensitively; repeated fields joined with `, `).
    public func header(_ name: String) -> String? {
        http.header(name)
    }

    /// Whether the body is `application/x-www-form-urlencoded`.
    public var hasFormBody: Bool {
        http.header(.contentType)?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
    }

    /// The URI scheme, lower-cased (`https`), or `nil` for a relative URI.
    public var scheme: String? {
        guard let scheme = http.head.scheme else { return nil }
        return scheme.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) ? scheme.lowercased() : scheme
    }

    /// Whether the request came over TLS (`https`), as RFC 6749 §3.1 and §3.2 require.
    public var isSecureTransport: Bool { scheme == "https" }

    /// Query and form merged (query first), as Authlib's `request.data` for the authorization
    /// endpoint, which accepts both GET and POST (RFC 6749 §3.1).
    public var data: Parameters {
        Parameters(query.pairs + form.pairs)
    }

    /// The `Authorization` header as its lower-cased scheme and its trimmed credentials
    /// (``AuthorizationHeader``); `nil` without a header or with a blank one.
    var authorization: (scheme: String, credentials: String?)? {
        http.header(.authorization).flatMap(AuthorizationHeader.split)
    }

    /// The lower-cased scheme of the `Authorization` header (`basic`, `bearer`), if any.
    public var authorizationScheme: String? {
        authorization?.scheme
    }

    /// The bearer token of an `Authorization: Bearer ...` header (RFC 6750 §2.1), if any.
    public var bearerToken: String? {
        guard let (scheme, credentials) = authorization, scheme == "bearer" else { return nil }
        return credentials
    }

    /// The client credentials of an `Authorization: Basic ...` header (RFC 6749 §2.3.1).
    ///
    /// The user name and password are form-decoded after base64 decoding, as the RFC requires.
    ///
    /// - Returns: `nil` when the request carries no Basic header.
    /// - Throws: `invalid_client` (401, `WWW-Authenticate: Basic`) for a malformed header,
    ///   never a crash.
    public func basicCredentials() throws(OAuth2Error) -> (username: String, password: String)? {
        guard let (scheme, credentials) = authorization, scheme == "basic" else { return nil }
        guard let encoded = credentials,
            let decoded = Data(base64Encoded: encoded),
            let text = String(validating: decoded, as: UTF8.self),
            let colon = text.firstIndex(of: ":")
        else {
            throw .invalidClient("Malformed Basic authorization header.", usedAuthorizationHeader: true)
        }
        guard let username = try? FormURLEncoding.decodeComponent(Array(text[..<colon].utf8)),
            let password = try? FormURLEncoding.decodeComponent(Array(text[text.index(after: colon)...].utf8)),
            !username.isEmpty
        else {
            throw .invalidClient("Malformed Basic authorization header.", usedAuthorizationHeader: true)
        }
        return (username, password)
    }
}
