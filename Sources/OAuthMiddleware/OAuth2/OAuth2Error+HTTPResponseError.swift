public import HTTPCore
public import OAuth2

/// Thrown from a handler or a guard, an ``OAuth2Error`` becomes its RFC-shaped response: JSON
/// `error`/`error_description`, the right status, `WWW-Authenticate` where the RFCs ask for it,
/// or a redirect to the client when the error carries one.
extension OAuth2Error: HTTPResponseError {
    public func response(for request: Request) -> Response {
        Response(response())
    }
}
