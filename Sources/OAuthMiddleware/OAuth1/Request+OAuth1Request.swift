public import HTTPCore
public import OAuth1

extension Request {
    /// This request as the OAuth 1 core sees it: the seam value (``oauthHTTPRequest(formBodyOnly:)``:
    /// the absolute URI the client signed, from the effective scheme and host) parsed by
    /// ``/OAuth1/OAuth1Request/init(_:)``.
    ///
    /// - Throws: ``/OAuth1/OAuth1Error`` for a malformed `Authorization: OAuth` header, parameters sent twice
    ///   or bad encoding.
    public func oauth1Request() throws(OAuth1Error) -> OAuth1Request {
        // The core reads only a form body (RFC 5849 §3.4.1.3.1): no other body is copied.
        try OAuth1Request(oauthHTTPRequest(formBodyOnly: true))
    }
}
