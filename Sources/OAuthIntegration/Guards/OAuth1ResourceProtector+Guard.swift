public import OAuth1

extension OAuth1ResourceProtector {
    /// The OAuth 1 guard's decision for any HTTP stack: verifies `request` (RFC 5849 §3) and, when
    /// it passes, runs `body` with ``currentCredential`` bound; a refusal becomes the protector's
    /// error response (401 with `WWW-Authenticate: OAuth realm=...`, or 400), handed to `denied`.
    ///
    /// ```swift
    /// try await protector.guarding(oauthRequest, denied: { Response($0) }) { _ in try await next(request) }
    /// ```
    ///
    /// - Parameters:
    ///   - request: the parsed request.
    ///   - denied: turns the error response into the framework's response.
    ///   - body: the protected work, given the client and token credential.
    /// - Returns: `body`'s result, or `denied`'s.
    @inlinable
    public func guarding<Result>(
        _ request: OAuth1Request,
        denied: (OAuth1Response) -> Result,
        _ body: (OAuth1AuthorizedRequest) async throws -> Result
    ) async rethrows -> Result {
        let authorized: OAuth1AuthorizedRequest
        do {
            authorized = try await validateRequest(request)
        } catch {
            return denied(errorResponse(error))
        }
        return try await OAuthContext.$credential.withValue(authorized) { try await body(authorized) }
    }
}
