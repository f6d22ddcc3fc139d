/// The HTTP response the OAuth 2.0 core produces, independent of any server framework.
///
/// The HTTP layer converts it once (OAuthMiddleware's `Response` initialiser); tests read it directly.
///
/// ```swift
/// let response = OAuth2Response.json(["access_token": "abc", "token_type": "Bearer"], noStore: true)
/// ```
public struct OAuth2Response: Sendable {
    /// The status code, e.g. 200, 302, 400.
    public var status: Int
    /// Header fields in order; names as written (`Content-Type`, `WWW-Authenticate`).
    public var headers: [(String, String)]
    /// The body bytes (UTF-8 JSON for most responses, empty for redirects).
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as a JSON object, or `nil` when it is not one.
    public var jsonBody: [String: JSONValue]? { JSONValue.decodeObject(body) }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.0.lowercased() == lowered }?.1
    }

    /// The `Location` header of a redirect.
    public var location: String? { header("Location") }

    /// The `Cache-Control: no-store` and `Pragma: no-cache` pair required on token responses
    /// (RFC 6749 §5.1) and applied to every token-endpoint error as well.
    public static let noStoreHeaders: [(String, String)] = [("Cache-Control", "no-store"), ("Pragma", "no-cache")]

    /// A JSON response.
    ///
    /// - Parameters:
    ///   - object: the members of the JSON object.
    ///   - status: the status code (default 200).
    ///   - headers: more header fields.
    ///   - noStore: adds `Cache-Control: no-store` and `Pragma: no-cache` (token endpoint responses).
    /// - Returns: the response, with `Content-Type: application/json`.
    public static func json(
        _ object: [String: JSONValue],
        status: Int = 200,
        headers: [(String, String)] = [],
        noStore: Bool = false
    ) -> OAuth2Response {
        var fields: [(String, String)] = [("Content-Type", "application/json")]
        if noStore { fields += noStoreHeaders }
        fields += headers
        return OAuth2Response(status: status, headers: fields, body: JSONValue.encode(object))
    }

    /// A redirect to `location`.
    ///
    /// Use 302 after a GET and 303 after a POST: a 307 would make the browser re-POST the
    /// user's consent form (with credentials) to the client (RFC 9700 §4.11).
    ///
    /// - Parameters:
    ///   - location: the absolute target URI.
    ///   - status: 302 (default) or 303.
    /// - Returns: the redirect, with `Cache-Control: no-store` (it may carry a code or a token).
    public static func redirect(to location: String, status: Int = 302) -> OAuth2Response {
        OAuth2Response(status: status, headers: [("Location", location)] + noStoreHeaders)
    }
}
