import FoundationEssentials
import GatehouseCommon
import HTTPTypes
public import OAuth2
import OAuthHTTP

extension OAuth2Request {
    /// A form POST, e.g. to the token endpoint, with optional HTTP Basic client credentials.
    public static func formPost(
        _ uri: String,
        _ form: [(String, String)],
        basic: (clientID: String, secret: String)? = nil,
        headers: [String: String] = [:]
    ) -> OAuth2Request {
        var allHeaders = headers
        allHeaders["content-type"] = "application/x-www-form-urlencoded"
        if let basic { allHeaders["authorization"] = basicAuthorization(clientID: basic.clientID, secret: basic.secret) }
        let parameters = Parameters(form)
        let http = OAuthHTTPRequest(
            method: .post,
            uri: uri,
            headers: allHeaders.map { ($0.key, $0.value) },
            body: Array(FormURLEncoding.encode(parameters).utf8)
        )
        return OAuth2Request(http: http, form: parameters)
    }

    /// A GET with a query, e.g. to the authorization endpoint.
    public static func get(_ uri: String, _ query: [(String, String)], headers: [String: String] = [:]) -> OAuth2Request {
        let parameters = Parameters(query)
        let full = query.isEmpty ? uri : uri + "?" + FormURLEncoding.encode(parameters)
        let http = OAuthHTTPRequest(method: .get, uri: full, headers: headers.map { ($0.key, $0.value) })
        return OAuth2Request(http: http, query: parameters)
    }

    /// `Basic base64(form-encoded id ":" form-encoded secret)` (RFC 6749 §2.3.1).
    public static func basicAuthorization(clientID: String, secret: String) -> String {
        let raw = PercentEncoding.encode(clientID) + ":" + PercentEncoding.encode(secret)
        return "Basic " + Data(raw.utf8).base64EncodedString()
    }
}
