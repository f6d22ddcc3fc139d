public import GatehouseCommon
import HTTPTypes
public import OAuthHTTP

/// One HTTP request as the OAuth 1 core sees it: the shared seam value (``/OAuthHTTP/OAuthHTTPRequest``),
/// parsed once.
///
/// Creating it parses the protocol parameters (RFC 5849 §3.5) from the one place that carries them:
/// the `Authorization: OAuth` header, the form-encoded body, or the query. Parameters in two places,
/// or a protocol parameter given twice, are refused with `duplicated_oauth_protocol_parameter` (400).
///
/// ```swift
/// let request = try OAuth1Request(
///     method: "POST",
///     uri: "https://photos.example.net/initiate",
///     headers: ["authorization": #"OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", ..."#])
/// request.clientID          // "dpf43f3p2l4k3l03"
/// request.parameterLocation // .header
/// ```
public struct OAuth1Request: Sendable {
    /// Where the protocol parameters were found (RFC 5849 §3.5).
    public enum ParameterLocation: String, Sendable, Hashable {
        /// The `Authorization: OAuth` header (§3.5.1).
        case header
        /// The `application/x-www-form-urlencoded` body (§3.5.2).
        case body
        /// The request URI's query (§3.5.3).
        case query
    }

    /// What parsing found, shared by every copy of the request: a verified request is copied into
    /// the authorized result, the request's locals and the task-local credential, and a copy of one
    /// reference costs one retain where a copy of the twenty fields cost twenty.
    let storage: Storage
    private var clientAddressOverride: String??

    /// The request as the HTTP layer handed it over: head, body bytes, client address.
    public var http: OAuthHTTPRequest {
        guard let clientAddressOverride else { return storage.http }
        var http = storage.http
        http.clientAddress = clientAddressOverride
        return http
    }
    /// The HTTP method, as sent.
    public var method: String { storage.method }
    /// The absolute request URI: scheme, host, port, path and query.
    public var uri: String { storage.uri }
    /// The decoded body when it is `application/x-www-form-urlencoded`, otherwise `nil`.
    public var body: Parameters? { storage.body }
    /// The client's address as the HTTP layer knows it (the peer, or the client a trusted proxy
    /// names), for brute-force throttling; `nil` when unknown.
    public var clientAddress: String? {
        get { clientAddressOverride ?? storage.http.clientAddress }
        set { clientAddressOverride = .some(newValue) }
    }
    /// The decoded query parameters (`+` read as a space).
    public var queryParameters: Parameters { storage.queryParameters }
    /// The parameters of the `Authorization: OAuth` header, without `realm`; empty when there is none.
    public var headerParameters: Parameters { storage.headerParameters }
    /// The `realm` of the Authorization header.
    public var realm: String? { storage.realm }
    /// The protocol (`oauth_`) parameters, from ``parameterLocation``; each name occurs once.
    public var oauthParameters: [String: String] {
        Dictionary(protocolParameters.pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }
    /// The protocol parameters in order (a handful of pairs: a linear look-up beats hashing them).
    var protocolParameters: Parameters { storage.protocolParameters }
    /// Where the protocol parameters came from; `nil` when the request has none.
    public var parameterLocation: ParameterLocation? { storage.parameterLocation }
    /// The scheme of the `Authorization` header (`OAuth`, `Bearer`, ...), `nil` without one.
    public var authorizationScheme: String? { storage.authorizationScheme }

    var parsedURI: RequestURI { storage.parsedURI }

    /// Parses a request: the one parser of OAuth 1 requests, behind every endpoint and the guard.
    ///
    /// The absolute URI is the head's scheme, authority and path (what the client signed); the body
    /// is decoded only when `Content-Type` is `application/x-www-form-urlencoded` (§3.4.1.3.1).
    ///
    /// - Throws: ``OAuth1Error``: `invalid_request` for a relative URI, bad query or body encoding or
    ///   a malformed OAuth Authorization header; `duplicated_oauth_protocol_parameter` for repeated
    ///   protocol parameters or parameters in more than one place.
    public init(_ http: OAuthHTTPRequest) throws(OAuth1Error) {
        let uri = http.uri
        let body = try Self.decodeFormBody(http.body, contentType: http.header(.contentType))
        let parsedURI = try RequestURI(parsing: uri)

        var query = Parameters()
        if let raw = parsedURI.query {
            do { query = try FormURLEncoding.decode(raw) } catch {
                throw .invalidRequest("the query is not valid form encoding: \(error)")
            }
        }

        var headerParameters = Parameters()
        var realm: String?
        var scheme: String?
        if let authorization = http.header(.authorization) {
            scheme = String(OAuth1AuthorizationHeader.scheme(of: authorization))
            if let content = try OAuth1AuthorizationHeader.parse(authorization) {
                headerParameters = content.parameters
                realm = content.realm
            }
        }

        var location: ParameterLocation?
        var protocolParameters = Parameters()
        protocolParameters.pairs.reserveCapacity(headerParameters.count)
        // A signed request has about seven protocol parameters: compared one by one, they need no
        // hashing and no set. Past a few, a set: a form of many distinct `oauth_*` names would make
        // the check quadratic (a megabyte body held an event loop for minutes).
        var seen = Set<String>()
        func isRepeated(_ name: String) -> Bool {
            if protocolParameters.pairs.count < 16 { return protocolParameters.pairs.contains { $0.name == name } }
            if seen.isEmpty { seen = Set(protocolParameters.pairs.map(\.name)) }
            return !seen.insert(name).inserted
        }
        func collect(_ parameters: Parameters, from source: ParameterLocation) throws(OAuth1Error) {
            for pair in parameters.pairs where Self.isProtocolParameter(pair.name) {
                if let location, location != source {
                    throw .duplicatedParameter(
                        "\"oauth_\" parameters must come from only one location, found in \(location.rawValue) and \(source.rawValue)"
                    )
                }
                location = source
                guard !isRepeated(pair.name) else {
                    throw .duplicatedParameter("\"\(pair.name)\" is given twice")
                }
                protocolParameters.pairs.append(pair)
            }
        }
        try collect(headerParameters, from: .header)
        if let body { try collect(body, from: .body) }
        try collect(query, from: .query)
        // No protocol parameter may hold a NUL: it would truncate a C string or fail a statement in a store.
        if protocolParameters.pairs.contains(where: { $0.value.withContiguousUTF8 { $0.contains(0) } }) {
            throw .invalidRequest("\"oauth_\" parameters must not contain NUL characters")
        }

        self.storage = Storage(
            http: http,
            uri: uri,
            body: body,
            queryParameters: query,
            headerParameters: headerParameters,
            realm: realm,
            protocolParameters: protocolParameters,
            parameterLocation: location,
            authorizationScheme: scheme,
            parsedURI: parsedURI
        )
    }

    /// Parses a request given as an absolute URI and an already decoded form body, as tests and
    /// signing clients have it: the body is form-encoded into the request (with a form
    /// `Content-Type` when `headers` names none) and parsed by ``init(_:)``.
    ///
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - uri: the absolute URI.
    ///   - headers: header fields (names in any case).
    ///   - body: the form body, or `nil` for none.
    /// - Throws: ``OAuth1Error`` as ``init(_:)``, and `invalid_request` for a method that is not an
    ///   HTTP token.
    public init(
        method: String,
        uri: String,
        headers: [String: String] = [:],
        body: Parameters? = nil
    )
        throws(OAuth1Error)
    {
        var fields = headers.map { ($0.key, $0.value) }
        var bytes: [UInt8] = []
        if let body {
            if !fields.contains(where: { $0.0.lowercased() == "content-type" }) {
                fields.append(("Content-Type", "application/x-www-form-urlencoded"))
            }
            bytes = Array(FormURLEncoding.encode(body).utf8)
        }
        try self.init(method: method, uri: uri, headers: fields, rawBody: bytes)
    }

    /// Parses a request whose body is still raw bytes: the body is decoded only when `content-type`
    /// is `application/x-www-form-urlencoded`.
    ///
    /// - Throws: ``OAuth1Error`` as ``init(_:)``, and `invalid_request` for a method that is not an
    ///   HTTP token.
    public init(
        method: String,
        uri: String,
        headers: [String: String],
        rawBody: some Collection<UInt8>
    )
        throws(OAuth1Error)
    {
        try self.init(method: method, uri: uri, headers: headers.map { ($0.key, $0.value) }, rawBody: Array(rawBody))
    }

    private init(method: String, uri: String, headers: [(String, String)], rawBody: [UInt8]) throws(OAuth1Error) {
        guard let method = HTTPRequest.Method(method) else { throw .invalidRequest("the method is not an HTTP token") }
        try self.init(OAuthHTTPRequest(method: method, uri: uri, headers: headers, body: rawBody))
    }

    /// Whether `name` starts with `oauth_`, read on its bytes (the generic `starts(with:)` over two
    /// UTF-8 views showed up in the guard's profile).
    private static func isProtocolParameter(_ name: String) -> Bool {
        name.withContiguousUTF8 { bytes in
            bytes.count >= 6 && bytes[0] == UInt8(ascii: "o") && bytes[1] == UInt8(ascii: "a") && bytes[2] == UInt8(ascii: "u")
                && bytes[3] == UInt8(ascii: "t") && bytes[4] == UInt8(ascii: "h") && bytes[5] == UInt8(ascii: "_")
        }
    }

    /// The value of the header `name` (matched case-insensitively; repeated fields joined with `, `).
    public func header(_ name: String) -> String? { http.header(name) }

    /// Decodes `bytes` when `contentType` is `application/x-www-form-urlencoded` (parameters such as
    /// `; charset=utf-8` allowed); otherwise returns `nil`, as RFC 5849 §3.4.1.3.1 signs no other body.
    ///
    /// - Throws: ``OAuth1Error`` `invalid_request` for bad percent-encoding or bytes that are not UTF-8.
    public static func decodeFormBody(
        _ bytes: some Collection<UInt8>,
        contentType: String?
    ) throws(OAuth1Error)
        -> Parameters?
    {
        guard let contentType,
            contentType.split(separator: ";").first?.trimmingASCIISpaces().lowercased()
                == "application/x-www-form-urlencoded"
        else { return nil }
        do { return try FormURLEncoding.decode(bytes: bytes) } catch {
            throw .invalidRequest("the body is not valid form encoding: \(error)")
        }
    }
}

extension OAuth1Request {
    /// `oauth_consumer_key`: the client identifier.
    public var clientID: String? { protocolParameters["oauth_consumer_key"] }
    /// `oauth_token`: the temporary or token credential identifier.
    public var token: String? { protocolParameters["oauth_token"] }
    /// `oauth_signature_method`.
    public var signatureMethod: SignatureMethod? { protocolParameters["oauth_signature_method"].map { SignatureMethod(rawValue: $0) } }
    /// `oauth_signature`, decoded.
    public var signature: String? { protocolParameters["oauth_signature"] }
    /// `oauth_timestamp`, as sent.
    public var timestamp: String? { protocolParameters["oauth_timestamp"] }
    /// `oauth_nonce`.
    public var nonce: String? { protocolParameters["oauth_nonce"] }
    /// `oauth_verifier` (RFC 5849 §2.3).
    public var verifier: String? { protocolParameters["oauth_verifier"] }
    /// `oauth_callback` (RFC 5849 §2.1): an absolute URI or `oob`.
    public var callback: String? { protocolParameters["oauth_callback"] }
    /// `oauth_version`; when present it must be `1.0` (§3.1).
    public var version: String? { protocolParameters["oauth_version"] }

    /// Whether the request came over TLS (`https`).
    public var isSecureTransport: Bool { parsedURI.scheme == "https" }

    /// Whether the request targets a loopback host (`localhost`, `127.0.0.1`, `[::1]`).
    public var isLoopback: Bool { parsedURI.isLoopback }

    /// Whether an `Authorization` header is present with a scheme other than `OAuth` (say `Bearer`).
    public var hasForeignAuthorization: Bool {
        guard let authorizationScheme else { return false }
        return authorizationScheme.lowercased() != "oauth"
    }

    /// The base string URI of RFC 5849 §3.4.1.2.
    public var baseStringURI: String { parsedURI.baseStringURI }

    /// Every parameter that is signed (§3.4.1.3.1): query, form body, and the Authorization header
    /// without `realm`. `oauth_signature` is still in the list; normalisation leaves it out.
    public var signedParameters: Parameters {
        var all = queryParameters
        if let body { all.pairs.append(contentsOf: body.pairs) }
        all.pairs.append(contentsOf: headerParameters.pairs)
        return all
    }

    /// The signature base string of RFC 5849 §3.4.1 for this request.
    public var signatureBaseString: String {
        SignatureBaseString.make(
            method: method,
            uri: parsedURI,
            query: queryParameters,
            body: body,
            header: headerParameters
        )
    }
}

extension Substring {
    fileprivate func trimmingASCIISpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
