public import GatehouseCommon

extension OAuthRegistry {
    /// Registers a remote app (Authlib's `oauth.register(name, ...)`); reach it as `oauth.<name>`.
    ///
    /// Every parameter may be left out and set in the app configuration instead, as `NAME_KEY`
    /// (`TWITTER_CLIENT_ID`, `TWITTER_REQUEST_TOKEN_URL`, ...) or in the `AUTHLIB_OAUTH_CLIENTS`
    /// dictionary; see ``OAuthRemoteApp/Configuration/completed(from:name:)``. A value given here wins.
    /// Registering a name again replaces the app.
    ///
    /// ```swift
    /// oauth.register(
    ///     "gatehouse",
    ///     clientID: "my-app", clientSecret: secret,
    ///     accessTokenURL: "https://id.example/oauth/token",
    ///     authorizeURL: "https://id.example/oauth/authorize",
    ///     apiBaseURL: "https://api.example/",
    ///     clientKwargs: ClientOptions(scope: "profile")
    /// )
    /// ```
    ///
    /// - Parameters:
    ///   - name: the app's name; the prefix of its configuration keys.
    ///   - clientID: the client identifier (OAuth 2) or consumer key (OAuth 1).
    ///   - clientSecret: the client or consumer secret.
    ///   - requestTokenURL: OAuth 1 temporary credential endpoint (RFC 5849 §2.1); makes the app OAuth 1.
    ///   - requestTokenParams: extra form fields of the temporary credential request.
    ///   - accessTokenURL: the token endpoint (RFC 6749 §3.2; RFC 5849 §2.3).
    ///   - accessTokenParams: OAuth 2: extra form fields of the code exchange.
    ///   - refreshTokenURL: OAuth 2: the refresh endpoint when it differs from the token endpoint.
    ///   - authorizeURL: the authorization endpoint.
    ///   - authorizeParams: extra query parameters of the authorization URL.
    ///   - apiBaseURL: the base of relative API paths.
    ///   - clientKwargs: session settings (scope, token endpoint auth method, PKCE and signature methods, ...).
    ///   - saveRequestToken: OAuth 1: stores the temporary credential. **Default:** the registry's cache.
    ///   - fetchRequestToken: OAuth 1: loads it back on the callback. **Default:** the registry's cache.
    ///   - fetchToken: loads the user's token for API calls. **Default:** the registry-level one.
    ///   - updateToken: OAuth 2: saves a refreshed token. **Default:** the registry-level one.
    ///   - complianceFix: registers compliance hooks on each session.
    ///   - serverMetadataURL: OAuth 2: the provider's RFC 8414 / OpenID Connect metadata document.
    /// - Returns: the remote app.
    @discardableResult
    public func register(
        _ name: String,
        clientID: String? = nil,
        clientSecret: String? = nil,
        requestTokenURL: String? = nil,
        requestTokenParams: Parameters? = nil,
        accessTokenURL: String? = nil,
        accessTokenParams: Parameters? = nil,
        refreshTokenURL: String? = nil,
        authorizeURL: String? = nil,
        authorizeParams: Parameters? = nil,
        apiBaseURL: String? = nil,
        clientKwargs: ClientOptions? = nil,
        saveRequestToken: OAuthRemoteApp<Request>.SaveRequestToken? = nil,
        fetchRequestToken: OAuthRemoteApp<Request>.FetchRequestToken? = nil,
        fetchToken: OAuthRemoteApp<Request>.FetchToken? = nil,
        updateToken: OAuthRemoteApp<Request>.UpdateToken? = nil,
        complianceFix: OAuthRemoteApp<Request>.ComplianceFix? = nil,
        serverMetadataURL: String? = nil
    ) -> OAuthRemoteApp<Request> {
        var configuration = OAuthRemoteApp<Request>.Configuration()
        configuration.clientID = clientID
        configuration.clientSecret = clientSecret
        configuration.requestTokenURL = requestTokenURL
        configuration.requestTokenParams = requestTokenParams
        configuration.accessTokenURL = accessTokenURL
        configuration.accessTokenParams = accessTokenParams
        configuration.refreshTokenURL = refreshTokenURL
        configuration.authorizeURL = authorizeURL
        configuration.authorizeParams = authorizeParams
        configuration.apiBaseURL = apiBaseURL
        configuration.clientKwargs = clientKwargs
        configuration.saveRequestToken = saveRequestToken
        configuration.fetchRequestToken = fetchRequestToken
        configuration.fetchToken = fetchToken
        configuration.updateToken = updateToken
        configuration.complianceFix = complianceFix
        configuration.serverMetadataURL = serverMetadataURL
        return register(name, configuration: configuration)
    }

    /// Registers a remote app from a settings value (see ``register(_:clientID:clientSecret:requestTokenURL:requestTokenParams:accessTokenURL:accessTokenParams:refreshTokenURL:authorizeURL:authorizeParams:apiBaseURL:clientKwargs:saveRequestToken:fetchRequestToken:fetchToken:updateToken:complianceFix:serverMetadataURL:)``).
    ///
    /// - Parameters:
    ///   - name: the app's name.
    ///   - configuration: its settings; fields left `nil` come from the app configuration.
    /// - Returns: the remote app.
    @discardableResult
    public func register(_ name: String, configuration: OAuthRemoteApp<Request>.Configuration) -> OAuthRemoteApp<Request> {
        setup.update("register the remote app \"\(name)\"") { $0.registered[name] = configuration }
        return OAuthRemoteApp(name: name, registry: self)
    }
}
