import GatehouseCommon
public import HTTPCore
public import OAuth2
import OAuthIntegration

extension AuthorizationServer {
    /// Where ``initApp(_:queryClient:saveToken:)`` records the server on the app.
    public enum AppKey: StorageKey {
        public typealias Value = AuthorizationServer
    }

    /// Creates a server attached to `app` at once (Authlib's `AuthorizationServer(app, ...)`).
    ///
    /// - Throws: `ConfigError` for a malformed setting.
    public convenience init(app: App, queryClient: QueryClient? = nil, saveToken: SaveToken? = nil) throws {
        self.init()
        try initApp(app, queryClient: queryClient, saveToken: saveToken)
    }

    /// Attaches a server created before the app (Authlib's `init_app`): reads the settings from
    /// `app.config` into ``/OAuth2/AuthorizationServer/configuration``, records itself in `app.extensions` and freezes with the
    /// app (``/HTTPCore/App/onFreeze(_:)``).
    ///
    /// Only keys present in `app.config` change ``/OAuth2/AuthorizationServer/configuration``: a setting made in code before or
    /// after `initApp` stays unless a key names it, so the order of setup calls does not matter.
    ///
    /// - Configuration keys:
    ///   - `OAUTH2_EXPIRES_AUTHORIZATION_CODE`, `OAUTH2_EXPIRES_IMPLICIT`, `OAUTH2_EXPIRES_PASSWORD`,
    ///     `OAUTH2_EXPIRES_CLIENT_CREDENTIALS` (int, defaults 864000, 3600, 864000, 864000): token lifetime per grant.
    ///   - `OAUTH2_TOKEN_EXPIRES_IN` (grant type → int, optional; `OAUTH2_TOKEN_EXPIRES_IN_PASSWORD=60` in the
    ///     environment): wins over the keys above.
    ///   - `OAUTH2_ACCESS_TOKEN_GENERATOR` (a `Configuration.Generator` closure in code, a length, or `true`
    ///     for the default; optional).
    ///   - `OAUTH2_REFRESH_TOKEN_GENERATOR` (a generator in code, a length, or true/false; default true).
    ///     Lengths and flags read alike from code (`42`, `false`), the environment and JSON.
    ///   - `OAUTH2_ERROR_URIS` (error → URI: a dictionary or `(error, uri)` pairs in code, a JSON object, or
    ///     `OAUTH2_ERROR_URIS_INVALID_CLIENT=...` variables).
    ///   - `OAUTH2_SCOPES_SUPPORTED` (list, optional): requested scopes outside it are `invalid_scope`.
    ///   - `OAUTH2_ISSUER` (string, optional): issuer for `iss` (RFC 9207) and metadata (RFC 8414).
    ///   - `OAUTH2_AUTHORIZATION_CODE_LIFETIME` (int, default 600, at most 600).
    ///   - `AUTHLIB_INSECURE_TRANSPORT` (flag, default off): allow plain http.
    /// - Throws: `ConfigError` for a malformed setting, so a typo fails at start-up.
    public func initApp(_ app: App, queryClient: QueryClient? = nil, saveToken: SaveToken? = nil) throws {
        configuration = try Self.configuration(from: app.config, base: configuration)
        if let queryClient { self.queryClient = queryClient }
        if let saveToken { self.saveToken = saveToken }
        app.extensions[AppKey.self] = self
        app.onFreeze { [self] in freeze() }
    }
}
