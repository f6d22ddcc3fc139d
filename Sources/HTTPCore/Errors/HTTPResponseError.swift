/// An error that knows the response it stands for. Throwing one from a handler or middleware
/// sends that response; any other error becomes a bare 500 whose details go to the log only.
///
/// Protocol errors conform too (OAuthMiddleware makes `OAuth2Error` and `OAuth1Error` render their
/// RFC-shaped responses), so a guard refuses a request by throwing.
public protocol HTTPResponseError: Error, Sendable {
    /// The response the client gets for this error.
    func response(for request: Request) -> Response
}
