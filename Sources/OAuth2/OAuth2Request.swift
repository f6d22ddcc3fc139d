import FoundationEssentials
public import GatehouseCommon

/// The HTTP request as the OAuth 2.0 core sees it, independent of any server framework.
///
/// The HTTP layer builds it once per request (OAuthMiddleware's `Request+OAuth2Request.swift`).
/// Query and form keep every pair in order, so a parameter sent twice can be refused
/// (RFC 6749 §3.1, §3.2).
///
/// ```swift
/// let request = try OAuth2Request.parse(
///     method: "POST", uri: "https://server.example/token",
///     headers: ["Content-Type": "application/x-www-form-urlencoded"],
///     body: Array("grant_type=client_credentials".utf8))
/// ```
public struct OAuth2Request: Sendable {
    /// The HTTP method, upper-case (`GET`, `POST`).
    public var method: String
    /// The absolute request URI, with scheme and host (`https://server.example/authorize?...`).
    public var uri: String
    /// Header fields by lower-cased name.
    public var headers: [String: String]
    /// The decoded URL query.
    public var query: Parameters
    /// The decoded `application/x-www-form-urlencoded` body (empty for other bodies).
    public var form: Parameters
    /// The client's address as the HTTP layer knows it (the peer, or the client a trusted proxy
    /// names), for brute-force throttling; `nil` when unknown.
    public var clientAddress: String?

    /// Creates a request from already decoded parts.
    ///
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - uri: the absolute request URI.
    ///   - headers: header fields; names are lower-cased here.
    ///   - query: the decoded query.
    ///   - form: the decoded form body.
    public init(
        method: String,
        uri: String,
        headers: [String: String] = [:],
        query: Parameters = [:],
        form: Parameters = [:]
    ) {
        self.method = method.utf8.contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) ? method.uppercased() : method
        self.uri = uri
        // The HTTP layer already hands over lower-cased names: copy the dictionary then.
        self.headers =
            headers.keys.allSatisfy(Self.isLowercased)
            ? headers
            : Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.query = query
        self.form = form
    }

    /// Builds a request from a raw URI and body, decoding the query and (for a form content
    /// type) the body.
    ///
    /// - Throws: `invalid_request` when the query or the form body is not valid form encoding,
    ///   or when a parameter holds a NUL.
    public static func parse(
        method: String,
        uri: String,
        headers: [String: String] = [:],
        body: [UInt8] = []
    ) throws(OAuth2Error) -> OAuth2Request {
        let rawQuery = uri.firstIndex(of: "?").map { uri[uri.index(after: $0)...] }
        return try parse(method: method, uri: uri, headers: headers, rawQuery: rawQuery, body: body)
    }

    /// Builds a request from its parts, decoding `rawQuery` and (for a form content type) `body`:
    /// the one parser of parameters, behind ``parse(method:uri:headers:body:)`` and OAuthMiddleware's
    /// bearer guard, which passes only the fields and the query the check reads.
    ///
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - uri: the absolute request URI.
    ///   - headers: header fields; names are lower-cased here.
    ///   - rawQuery: what follows `?` (a `#` fragment is dropped), or `nil` to leave ``query`` empty.
    ///   - body: the body, decoded only with a form content type.
    /// - Throws: `invalid_request` when the query or the form body is not valid form encoding,
    ///   or when a parameter holds a NUL.
    public static func parse(
        method: String,
        uri: String,
        headers: [String: String],
        rawQuery: Substring?,
        body: some Collection<UInt8>
    ) throws(OAuth2Error) -> OAuth2Request {
        var request = OAuth2Request(method: method, uri: uri, headers: headers)
        do {
            if let rawQuery {
                request.query = try FormURLEncoding.decode(rawQuery.split(separator: "#", maxSplits: 1).first ?? "")
            }
            if request.hasFormBody, !body.isEmpty {
                request.form = try FormURLEncoding.decode(bytes: body)
            }
        } catch {
            throw .invalidRequest("Malformed form encoding: \(error.description)")
        }
        // No OAuth parameter may hold a NUL (RFC 6749 Appendix A: printable characters); refusing it
        // here keeps it from every store, where it would truncate a C string or fail a statement.
        if holdsNUL(request.query) || holdsNUL(request.form) {
            throw .invalidRequest("Parameters must not contain NUL characters.")
        }
        return request
    }

    /// Whether a name or a value of `parameters` holds a NUL (a scan; no copy of the pairs).
    private static func holdsNUL(_ parameters: Parameters) -> Bool {
        parameters.pairs.contains { $0.name.utf8.contains(0) || $0.value.utf8.contains(0) }
    }

    /// The first value of a header (name matched case-insensitively).
    public func header(_ name: String) -> String? {
        headers[Self.isLowercased(name) ? name : name.lowercased()]
    }

    private static func isLowercased(_ name: String) -> Bool {
        !name.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }

    /// Whether the body is `application/x-www-form-urlencoded`.
    public var hasFormBody: Bool {
        header("content-type")?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
    }

    /// The URI scheme, lower-cased (`https`), or `nil` for a relative URI.
    public var scheme: String? {
        // On bytes: a generic substring search here cost more than the rest of the transport check.
        let utf8 = uri.utf8
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")),
            utf8[colon...].starts(with: "://".utf8)
        else { return nil }
        return String(decoding: utf8[..<colon], as: UTF8.self).lowercased()
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
        header("authorization").flatMap(AuthorizationHeader.split)
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
