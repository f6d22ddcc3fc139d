public import GatehouseCommon
public import Hummingbird
public import HummingbirdAuth
public import OAuthClient
public import OAuthIntegration

/// The OAuth client registry for a Hummingbird app whose context is `Context` (Authlib's `OAuth`).
///
/// ```swift
/// let oauth = HummingbirdOAuth<AppContext>()
/// oauth.register("github", clientID: id, clientSecret: secret,
///                accessTokenURL: "https://github.com/login/oauth/access_token",
///                authorizeURL: "https://github.com/login/oauth/authorize")
/// router.add(middleware: SessionMiddleware(storage: persist))
/// router.get("login") { request, context in
///     try await oauth.github.authorizeRedirect(request, context: context, redirectURI: "https://app.example/callback")
/// }
/// router.get("callback") { request, context in
///     let token = try await oauth.github.authorizeAccessToken(request, context: context)
///     ...
/// }
/// ```
public typealias HummingbirdOAuth<Context: SessionRequestContext> = OAuthRegistry<HummingbirdRegistryRequest<Context>>
where Context.Session: OAuthClientSessionStorage

extension OAuthRemoteApp {
    /// Starts the login with a 302 to the provider (Authlib's `authorize_redirect`); the pending
    /// flow waits in the hummingbird-auth session.
    ///
    /// - Parameters:
    ///   - request: the request being handled.
    ///   - context: its context (with the session).
    ///   - redirectURI: where the provider sends the user back.
    ///   - scope: OAuth 2 `scope`. **Default:** the app's `clientKwargs.scope`.
    ///   - extraParameters: more query parameters of the authorization URL.
    /// - Returns: a 302 to the provider.
    public func authorizeRedirect<Context: SessionRequestContext>(
        _ request: Hummingbird.Request,
        context: Context,
        redirectURI: String? = nil,
        scope: String? = nil,
        extraParameters: GatehouseCommon.Parameters = [:]
    ) async throws -> Response where Request == HummingbirdRegistryRequest<Context> {
        let url = try await authorizationRedirectURL(
            try await HummingbirdRegistryRequest(request, context: context),
            redirectURI: redirectURI,
            scope: scope,
            extraParameters: extraParameters
        )
        return Response(status: .found, headers: [.location: url])
    }

    /// Finishes the login on the callback route (Authlib's `authorize_access_token`): checks the
    /// callback against the pending flow of this session and exchanges it for a token.
    public func authorizeAccessToken<Context: SessionRequestContext>(
        _ request: Hummingbird.Request,
        context: Context
    ) async throws -> RemoteToken where Request == HummingbirdRegistryRequest<Context> {
        try await authorizeAccessToken(try await HummingbirdRegistryRequest(request, context: context))
    }
}
