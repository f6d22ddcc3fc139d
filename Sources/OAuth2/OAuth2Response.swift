public import HTTPTypes
public import OAuthHTTP

/// The HTTP response the OAuth 2.0 core produces: the response value both protocol cores share
/// (``/OAuthHTTP/OAuthHTTPResponse``: status, header fields, body bytes), independent of any server framework.
///
/// The HTTP layer converts it once (OAuthMiddleware's `Response` initialiser); tests read it directly.
///
/// ```swift
/// let response = OAuth2Response.json(["access_token": "abc", "token_type": "Bearer"], noStore: true)
/// ```
public typealias OAuth2Response = OAuthHTTPResponse

extension OAuthHTTPResponse {
    /// The body parsed as a JSON object, or `nil` when it is not one.
    public var jsonBody: [String: JSONValue]? { JSONValue.decodeObject(body) }

    /// A JSON response.
    ///
    /// - Parameters:
    ///   - object: the members of the JSON object.
    ///   - status: the status (default 200).
    ///   - headers: more header fields, after `Content-Type` and the no-store pair.
    ///   - noStore: adds `Cache-Control: no-store` and `Pragma: no-cache` (token endpoint responses).
    /// - Returns: the response, with `Content-Type: application/json`.
    public static func json(
        _ object: [String: JSONValue],
        status: HTTPResponse.Status = 200,
        headers: HTTPFields = [:],
        noStore: Bool = false
    ) -> OAuthHTTPResponse {
        var fields: HTTPFields = [.contentType: "application/json"]
        if noStore { fields.append(contentsOf: noStoreHeaders) }
        fields.append(contentsOf: headers)
        return OAuthHTTPResponse(status: status, headerFields: fields, body: JSONValue.encode(object))
    }
}
