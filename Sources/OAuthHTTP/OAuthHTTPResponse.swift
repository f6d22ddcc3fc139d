public import GatehouseCommon
public import HTTPTypes

/// What an OAuth 1 or OAuth 2 endpoint answers: a status, header fields and body bytes on
/// swift-http-types, free of any HTTP server. `OAuth1Response` and `OAuth2Response` name this type.
///
/// The HTTP layer converts it once (OAuthMiddleware's `Response` initialiser); tests read it directly.
///
/// ```swift
/// let response = OAuthHTTPResponse.redirect(to: "https://client.example/cb?code=abc")
/// response.status    // 302
/// response.location  // "https://client.example/cb?code=abc"
/// ```
public struct OAuthHTTPResponse: Sendable {
    /// The status, e.g. 200, 302, 400 (comparable to an integer literal).
    public var status: HTTPResponse.Status
    /// Header fields in order; names keep the case they were written in (`Content-Type`).
    public var headerFields: HTTPFields
    /// The body bytes (UTF-8 JSON or form encoding for most responses, empty for redirects).
    public var body: [UInt8]

    /// Creates a response.
    public init(status: HTTPResponse.Status, headerFields: HTTPFields = [:], body: [UInt8] = []) {
        self.status = status
        self.headerFields = headerFields
        self.body = body
    }

    /// Creates a response from `(name, value)` header pairs; a pair whose name is not a valid field
    /// name is dropped, as the HTTP layer always did.
    public init(status: HTTPResponse.Status, headers: [(String, String)], body: [UInt8] = []) {
        var fields = HTTPFields()
        for (name, value) in headers { fields.append(name, value) }
        self.init(status: status, headerFields: fields, body: body)
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The first value of the header `name`, matched case-insensitively.
    public func header(_ name: String) -> String? {
        guard let name = HTTPField.Name(name) else { return nil }
        return headerFields.first { $0.name == name }?.value
    }

    /// The `Location` header of a redirect.
    public var location: String? { headerFields.first { $0.name == .location }?.value }

    /// The body decoded as `application/x-www-form-urlencoded`.
    ///
    /// - Throws: ``/GatehouseCommon/FormURLEncodingError`` when the body is not form-encoded.
    public func formParameters() throws(FormURLEncodingError) -> Parameters {
        try FormURLEncoding.decode(bytes: body)
    }

    /// `Cache-Control: no-store` and `Pragma: no-cache`, required on credential and token responses
    /// (RFC 5849 §2.1, §2.3; RFC 6749 §5.1) and applied to their errors as well.
    public static let noStoreHeaders: HTTPFields = {
        var fields: HTTPFields = [.cacheControl: "no-store"]
        fields.append("Pragma", "no-cache")
        return fields
    }()

    /// A redirect to `location` with `Cache-Control: no-store` and `Pragma: no-cache` (it may carry
    /// a code or a token).
    ///
    /// Use 302 after a GET and 303 after a POST: a 307 would make the browser re-POST the
    /// user's consent form (with credentials) to the client (RFC 9700 §4.11).
    ///
    /// - Parameters:
    ///   - location: the absolute target URI.
    ///   - status: 302 (default) or 303.
    /// - Returns: the redirect.
    public static func redirect(to location: String, status: HTTPResponse.Status = 302) -> OAuthHTTPResponse {
        var fields: HTTPFields = [.location: location]
        fields.append(contentsOf: noStoreHeaders)
        return OAuthHTTPResponse(status: status, headerFields: fields)
    }
}
