public import HTTPCore
public import OAuth1

/// Thrown from a handler or a guard, an ``OAuth1Error`` becomes its RFC 5849 §3.2 response
/// (form-encoded body naming the error, `WWW-Authenticate: OAuth` on 401).
extension OAuth1Error: HTTPResponseError {
    public func response(for request: Request) -> Response {
        Response(response())
    }
}
