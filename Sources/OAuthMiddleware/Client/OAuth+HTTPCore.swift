public import GatehouseCommon
public import HTTPCore
public import OAuthClient
public import OAuthIntegration

/// The OAuth client registry for HTTPCore apps (Authlib's `OAuth` for Flask): the providers an app
/// logs in with and calls, each a ``RemoteApp`` reached as `oauth.twitter`. It is
/// ``OAuthIntegration/OAuthRegistry`` with HTTPCore's ``/HTTPCore/Request``; this adapter adds `initApp` and
/// the 302 of ``OAuthIntegration/OAuthRemoteApp/authorizeRedirect(_:redirectURI:scope:extraParameters:)``.
///
/// ```swift
/// let oauth = OAuth()                                   // before the app exists
/// oauth.register("twitter", requestTokenURL: "https://api.twitter.com/oauth/request_token",
///                accessTokenURL: "https://api.twitter.com/oauth/access_token",
///                authorizeURL: "https://api.twitter.com/oauth/authenticate",
///                apiBaseURL: "https://api.twitter.com/1.1/")  // TWITTER_CLIENT_ID etc. from app.config
/// oauth.register("github")                               // everything from GITHUB_* or AUTHLIB_OAUTH_CLIENTS
///
/// let app = App(config: .environment())
/// app.use(try SessionMiddleware(config: app.config, storage: .server(CacheSessionStore(cache: sharedCache))))
/// try oauth.initApp(app, fetchToken: { name, request in try await tokens.load(name, for: request) })
///
/// app.get("/login/:name") { request in
///     guard let client = oauth.createClient(request.parameters["name"] ?? "") else { throw HTTPError(.notFound) }
///     return try await client.authorizeRedirect(redirectURI: "https://app.example/authorize/\(client.name)")
/// }
/// ```
public typealias OAuth = OAuthRegistry<Request>

/// One provider registered on an ``OAuth`` registry, for HTTPCore apps (Authlib's `RemoteApp`).
///
/// ```swift
/// app.get("/login") { _ in try await oauth.twitter.authorizeRedirect(redirectURI: "https://app.example/authorize") }
/// app.get("/authorize") { _ in
///     let token = try await oauth.twitter.authorizeAccessToken()
///     try await tokens.save(token, for: user)
///     return .redirect(to: "/profile")
/// }
/// app.get("/profile") { _ in
///     let profile = try await oauth.twitter.get("account/verify_credentials.json")
///     return .json(raw: profile.body)
/// }
/// ```
///
/// > Important: install ``/HTTPCore/SessionMiddleware`` with **server-side storage**,
/// > `SessionMiddleware(secret: ..., storage: .server(CacheSessionStore(cache: ...)))`, on the
/// > login and callback routes.
public typealias RemoteApp = OAuthRemoteApp<Request>

/// Where ``OAuthIntegration/OAuthRegistry/initApp(_:fetchToken:updateToken:cache:)`` records the
/// registry on the app.
public enum OAuthAppKey: StorageKey {
    public typealias Value = OAuth
}

extension Request: RegistryRequest {
    /// The request the current task is handling (``/HTTPCore/currentRequest``).
    public static var current: Request? { currentRequest }

    /// The request's ``Session`` (``/HTTPCore/SessionMiddleware`` must run on the route).
    public func browserSession() throws -> any BrowserSession { try session }

    /// The query, or the form of a `form_post` callback.
    public func callbackParameters() throws -> Parameters {
        if method == .post, mediaType == "application/x-www-form-urlencoded" { return try form() }
        return try query
    }
}

extension Session: BrowserSession {
    /// The keys stored.
    public var keys: [String] { Array(values.keys) }
}

extension OAuthRegistry where Request == HTTPCore.Request {
    /// Where ``initApp(_:fetchToken:updateToken:cache:)`` records the registry on the app.
    public typealias AppKey = OAuthAppKey

    /// Creates a registry attached to `app` at once (Authlib's `OAuth(app, fetch_token=...)`).
    ///
    /// - Parameters:
    ///   - app: the app whose configuration completes the registrations.
    ///   - fetchToken: the registry-level token loader.
    ///   - updateToken: the registry-level refreshed-token saver.
    ///   - cache: where OAuth 1 temporary credentials wait.
    /// - Throws: `ConfigError` for a malformed setting of an app registered already.
    public convenience init(
        app: App,
        fetchToken: FetchToken? = nil,
        updateToken: UpdateToken? = nil,
        cache: (any KeyValueCache)? = nil
    ) throws {
        self.init(fetchToken: fetchToken, updateToken: updateToken, cache: cache)
        try initApp(app)
    }

    /// Attaches a registry created before the app (Authlib's `init_app(app, fetch_token=..., update_token=..., cache=...)`):
    /// remote apps complete their settings from `app.config`, the registry records itself in
    /// `app.extensions` and freezes with the app (``/HTTPCore/App/onFreeze(_:)``). Hooks and cache given
    /// here replace those given at creation; `nil` keeps them.
    ///
    /// - Configuration keys: per remote app, see ``/OAuthIntegration/OAuthRemoteApp/Configuration/completed(from:name:)``
    ///   (`NAME_CLIENT_ID`, `NAME_ACCESS_TOKEN_URL`, ..., and `AUTHLIB_OAUTH_CLIENTS`).
    /// - Throws: `ConfigError` when a setting of an app registered already is malformed, so a typo
    ///   fails at start-up.
    public func initApp(
        _ app: App,
        fetchToken: FetchToken? = nil,
        updateToken: UpdateToken? = nil,
        cache: (any KeyValueCache)? = nil
    ) throws {
        try configure(config: app.config, fetchToken: fetchToken, updateToken: updateToken, cache: cache)
        app.extensions[AppKey.self] = self
        app.onFreeze { [self] in freeze() }
    }
}

extension OAuthRemoteApp where Request == HTTPCore.Request {
    /// Starts the login with a 302 to the provider's authorization page (Authlib's
    /// `authorize_redirect`); see ``/OAuthIntegration/OAuthRemoteApp/authorizationRedirectURL(_:redirectURI:scope:extraParameters:)``.
    ///
    /// - Parameters:
    ///   - request: the request being handled. **Default:** ``/HTTPCore/currentRequest`` (the Flask style).
    ///   - redirectURI: where the provider sends the user back (`redirect_uri`, `oauth_callback`).
    ///   - scope: OAuth 2 `scope`. **Default:** the app's `clientKwargs.scope`.
    ///   - extraParameters: more query parameters of the authorization URL, over `authorizeParams`.
    /// - Returns: a 302 to the provider.
    public func authorizeRedirect(
        _ request: Request? = nil,
        redirectURI: String? = nil,
        scope: String? = nil,
        extraParameters: Parameters = [:]
    ) async throws -> Response {
        let url = try await authorizationRedirectURL(request, redirectURI: redirectURI, scope: scope, extraParameters: extraParameters)
        return .redirect(to: url, status: .found)
    }
}
