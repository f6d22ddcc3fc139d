public import OAuth2

extension ResourceProtector {
    /// The bearer guard's decision for any HTTP stack: validates `request` against `scopes` and,
    /// when it passes, runs `body` with ``currentToken`` bound (Authlib's `require_oauth`).
    ///
    /// An adapter parses its framework's request into an ``/OAuth2/OAuth2Request``, calls this, and renders
    /// a thrown ``/OAuth2/OAuth2Error`` (400/401/403 with `WWW-Authenticate: Bearer`) its own way.
    ///
    /// ```swift
    /// try await protector.guarding(oauthRequest, scopes: "profile") { token in try await next(request) }
    /// ```
    ///
    /// - Parameters:
    ///   - request: the parsed request.
    ///   - scopes: `"a b"` needs all of them, `["a", "b"]` any one, `.none` just a valid token.
    ///   - optional: let requests without a token through (`body` gets `nil`); a bad token still fails.
    ///   - body: the protected work, given the token.
    /// - Throws: the guard's ``/OAuth2/OAuth2Error``, or what `body` throws.
    @inlinable
    public func guarding<Result>(
        _ request: OAuth2Request,
        scopes: ScopeRequirement = .none,
        optional: Bool = false,
        _ body: ((any OAuth2Token)?) async throws -> Result
    ) async throws -> Result {
        let token = try await validateRequest(request, scopes: scopes, optional: optional)
        return try await OAuthContext.$token.withValue(token) { try await body(token) }
    }
}
