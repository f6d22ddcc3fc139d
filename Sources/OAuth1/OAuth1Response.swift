public import GatehouseCommon
public import HTTPTypes
public import OAuthHTTP

/// What an OAuth 1 endpoint answers: the response value both protocol cores share
/// (``/OAuthHTTP/OAuthHTTPResponse``: status, header fields, body bytes), free of any HTTP server.
///
/// The HTTP layer converts it once (OAuthMiddleware); tests read it directly.
///
/// ```swift
/// let response = await server.createTokenResponse(request)
/// response.status                       // 200
/// try response.formParameters()["oauth_token"]
/// ```
public typealias OAuth1Response = OAuthHTTPResponse

extension OAuthHTTPResponse {
    /// A form-encoded answer with `Cache-Control: no-store` and `Pragma: no-cache`, as credential
    /// responses are (RFC 5849 §2.1, §2.3).
    ///
    /// - Parameters:
    ///   - parameters: the pairs, encoded in order.
    ///   - status: the HTTP status (default 200).
    /// - Returns: the response.
    public static func form(_ parameters: Parameters, status: HTTPResponse.Status = 200) -> OAuthHTTPResponse {
        var fields: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        fields.append(contentsOf: noStoreHeaders)
        return OAuthHTTPResponse(status: status, headerFields: fields, body: Array(FormURLEncoding.encode(parameters).utf8))
    }

    /// A `302 Found` to `uri` with `parameters` added to its query, before any fragment, and
    /// `Cache-Control: no-store`: how the user-agent goes back to the client's callback (RFC 5849 §2.2).
    ///
    /// - Parameters:
    ///   - uri: the callback URI, which may already carry a query.
    ///   - parameters: the pairs to append, form-encoded.
    /// - Returns: the response.
    public static func redirect(to uri: String, adding parameters: Parameters) -> OAuthHTTPResponse {
        OAuthHTTPResponse(
            status: 302,
            headerFields: [.location: addingQuery(parameters, to: uri), .cacheControl: "no-store"]
        )
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
