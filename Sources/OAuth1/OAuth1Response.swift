public import GatehouseCommon

/// What an OAuth 1 endpoint answers: a status, headers and a text body, free of any HTTP server.
///
/// The HTTP layer converts it once (OAuthMiddleware); tests read it directly.
///
/// ```swift
/// let response = await server.createTokenResponse(request)
/// response.status                       // 200
/// try response.formParameters()["oauth_token"]
/// ```
public struct OAuth1Response: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// Header fields in order; names keep their canonical case (`Content-Type`).
    public var headers: [(String, String)]
    /// The body text (form-encoded, JSON or empty).
    public var body: String

    /// Creates a response.
    public init(status: Int, headers: [(String, String)] = [], body: String = "") {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of the header `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.0.lowercased() == lowered }?.1
    }

    /// The body decoded as `application/x-www-form-urlencoded`.
    ///
    /// - Throws: ``FormURLEncodingError`` when the body is not form-encoded.
    public func formParameters() throws(FormURLEncodingError) -> Parameters {
        try FormURLEncoding.decode(body)
    }

    /// A form-encoded answer with `Cache-Control: no-store` and `Pragma: no-cache`, as credential
    /// responses are (RFC 5849 §2.1, §2.3).
    ///
    /// - Parameters:
    ///   - parameters: the pairs, encoded in order.
    ///   - status: the HTTP status (default 200).
    /// - Returns: the response.
    public static func form(_ parameters: Parameters, status: Int = 200) -> OAuth1Response {
        OAuth1Response(
            status: status,
            headers: [
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Cache-Control", "no-store"),
                ("Pragma", "no-cache"),
            ],
            body: FormURLEncoding.encode(parameters)
        )
    }

    /// A `302 Found` to `location`, used to send the user-agent back to the client's callback (RFC 5849 §2.2).
    ///
    /// - Parameter location: the absolute URI, query already added.
    /// - Returns: the response.
    public static func redirect(to location: String) -> OAuth1Response {
        OAuth1Response(status: 302, headers: [("Location", location), ("Cache-Control", "no-store")], body: "")
    }

    /// A `302 Found` to `uri` with `parameters` added to its query, before any fragment.
    ///
    /// - Parameters:
    ///   - uri: the callback URI, which may already carry a query.
    ///   - parameters: the pairs to append, form-encoded.
    /// - Returns: the response.
    public static func redirect(to uri: String, adding parameters: Parameters) -> OAuth1Response {
        redirect(to: addingQuery(parameters, to: uri))
    }

    /// `uri` with `parameters` appended to its query (`?` or `&`), keeping a fragment last.
    public static func addingQuery(_ parameters: Parameters, to uri: String) -> String {
        guard !parameters.isEmpty else { return uri }
        var base = Substring(uri)
        var fragment: Substring = ""
        if let hash = base.firstIndex(of: "#") {
            fragment = base[hash...]
            base = base[..<hash]
        }
        let separator: String
        if let question = base.firstIndex(of: "?") {
            separator = base.index(after: question) == base.endIndex || base.hasSuffix("&") ? "" : "&"
        } else {
            separator = "?"
        }
        return String(base) + separator + FormURLEncoding.encode(parameters) + String(fragment)
    }
}
