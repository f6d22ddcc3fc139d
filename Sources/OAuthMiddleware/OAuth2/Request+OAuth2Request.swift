public import HTTPCore
public import OAuth2

extension Request {
    /// This request as the OAuth 2 core sees it: the seam value (``oauthHTTPRequest(formBodyOnly:)``)
    /// parsed by ``/OAuth2/OAuth2Request/init(_:decodingQuery:)``: decoded query and form body.
    ///
    /// - Throws: ``/OAuth2/OAuth2Error`` `invalid_request` for malformed form encoding.
    public func oauth2Request() throws(OAuth2Error) -> OAuth2Request {
        try OAuth2Request(oauthHTTPRequest(formBodyOnly: true))
    }

    /// What the bearer-token check reads, by the same parser as ``oauth2Request()``: the query is
    /// decoded only when asked (when the guard accepts a token there), and only a form body is copied.
    ///
    /// - Throws: ``OAuth2Error`` `invalid_request` for malformed form encoding or a NUL.
    func oauth2ResourceRequest(includeQuery: Bool) throws(OAuth2Error) -> OAuth2Request {
        try OAuth2Request(oauthHTTPRequest(formBodyOnly: true), decodingQuery: includeQuery)
    }
}
