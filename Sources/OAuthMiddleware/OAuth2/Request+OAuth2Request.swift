public import HTTPCore
import HTTPTypes
import NIOCore
public import OAuth2

extension Request {
    /// This request as the OAuth 2 core sees it: absolute URI from the effective scheme and host,
    /// lower-cased headers (repeated fields joined with `, `), decoded query and form body.
    ///
    /// - Throws: ``OAuth2Error`` `invalid_request` for malformed form encoding.
    public func oauth2Request() throws(OAuth2Error) -> OAuth2Request {
        var request = try OAuth2Request.parse(
            method: method.rawValue,
            uri: url,
            headers: headerDictionary,
            body: Array(body.readableBytesView)
        )
        request.clientAddress = clientAddress
        return request
    }

    /// Only what the bearer-token check reads: method, the `Authorization` and `Content-Type`
    /// fields, the form body when there is one, the query when asked. Cheaper than
    /// ``oauth2Request()`` on the hot path of every protected call, and parsed by the same
    /// ``OAuth2Request/parse(method:uri:headers:rawQuery:body:)`` (malformed encoding and NUL refused alike).
    ///
    /// - Throws: ``OAuth2Error`` `invalid_request` for malformed form encoding or a NUL.
    func oauth2ResourceRequest(includeQuery: Bool) throws(OAuth2Error) -> OAuth2Request {
        var fields: [String: String] = [:]
        // One pass over the fields; repeated fields are joined with ", " as `HTTPFields` does.
        for field in headers where field.name == .authorization || field.name == .contentType {
            let name = field.name == .authorization ? "authorization" : "content-type"
            if let existing = fields[name] {
                fields[name] = existing + ", " + field.value
            } else {
                fields[name] = field.value
            }
        }
        return try OAuth2Request.parse(
            method: method.rawValue,
            uri: url,
            headers: fields,
            rawQuery: includeQuery ? rawQuery : nil,
            body: body.readableBytesView
        )
    }

    /// Header fields as a dictionary of lower-cased names; repeated fields are joined.
    var headerDictionary: [String: String] {
        var dictionary: [String: String] = [:]
        for field in headers {
            let name = field.name.canonicalName
            if let existing = dictionary[name] {
                dictionary[name] = existing + ", " + field.value
            } else {
                dictionary[name] = field.value
            }
        }
        return dictionary
    }
}
