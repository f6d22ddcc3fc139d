public import GatehouseCommon

extension OAuthRemoteApp {
    /// Starts the login: the address of the provider's authorization page to redirect the browser
    /// to (the work of Authlib's `authorize_redirect`; an adapter wraps it in its framework's 302).
    ///
    /// OAuth 2 (RFC 6749 §4.1.1): a fresh `state`, a PKCE S256 challenge (RFC 7636) and, for an
    /// `openid` scope, a `nonce`; the state, verifier and nonce are kept in the browser's
    /// server-side session under a key of their own, so several flows may be pending at once.
    /// OAuth 1 (RFC 5849 §2.1–2.2): fetches a temporary credential with `oauth_callback` =
    /// `redirectURI` and keeps it in the registry's cache (bound to the browser session) or gives it
    /// to `saveRequestToken`.
    ///
    /// - Parameters:
    ///   - request: the request being handled. **Default:** ``RegistryRequest/current`` (the Flask style).
    ///   - redirectURI: where the provider sends the user back (`redirect_uri`, `oauth_callback`).
    ///   - scope: OAuth 2 `scope`. **Default:** the app's `clientKwargs.scope`.
    ///   - extraParameters: more query parameters of the authorization URL, over `authorizeParams`.
    /// - Returns: the provider's authorization URL.
    /// - Throws: ``/OAuthClient/OAuthClientError`` (`invalid_configuration` without a session or request,
    ///   provider and transport errors of the OAuth 1 request token), ``/GatehouseConfig/ConfigError``.
    public func authorizationRedirectURL(
        _ request: Request? = nil,
        redirectURI: String? = nil,
        scope: String? = nil,
        extraParameters: Parameters = [:]
    ) async throws -> String {
        let request = try resolveRequest(request)
        let configuration = try self.configuration
        if configuration.isOAuth1 {
            return try await oauth1AuthorizeRedirect(
                request,
                configuration: configuration,
                redirectURI: redirectURI,
                extraParameters: extraParameters
            )
        }
        return try await oauth2AuthorizeRedirect(
            request,
            configuration: configuration,
            redirectURI: redirectURI,
            scope: scope,
            extraParameters: extraParameters
        )
    }

    /// Finishes the login on the callback route: checks the callback and exchanges it for a token
    /// (Authlib's `authorize_access_token`).
    ///
    /// OAuth 2, in order: a provider `error` (`access_denied`, RFC 6749 §4.1.2.1) is an
    /// ``/OAuthClient/OAuthClientError`` `provider_error` carrying it; a `state` that names no flow pending in
    /// this browser session (missing, forged, already used, started in another browser, expired) is
    /// `state_mismatch`; when the provider advertises RFC 9207 in its metadata, an `iss` that is
    /// missing or not its issuer is `issuer_mismatch`; then the code is exchanged with the PKCE
    /// verifier (RFC 6749 §4.1.3). OAuth 1: the callback's `oauth_token` must be a temporary
    /// credential this browser session started (`state_mismatch` otherwise), then it is exchanged
    /// with `oauth_verifier` (RFC 5849 §2.3).
    ///
    /// - Parameter request: the callback request. **Default:** ``RegistryRequest/current``.
    /// - Returns: the token; save it for the user.
    /// - Throws: ``/OAuthClient/OAuthClientError`` as above, plus the token endpoint's errors.
    public func authorizeAccessToken(_ request: Request? = nil) async throws -> RemoteToken {
        let request = try resolveRequest(request)
        let configuration = try self.configuration
        if configuration.isOAuth1 {
            return .oauth1(try await oauth1AuthorizeAccessToken(request, configuration: configuration))
        }
        return .oauth2(try await oauth2AuthorizeAccessToken(request, configuration: configuration))
    }
}
