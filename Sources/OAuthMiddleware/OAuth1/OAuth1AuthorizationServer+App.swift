public import GatehouseCommon
public import HTTPCore
public import OAuth1
import OAuthIntegration

extension OAuth1AuthorizationServer {
    /// Where ``initApp(_:hooks:)`` records the server on the app.
    public enum AppKey: StorageKey {
        public typealias Value = OAuth1AuthorizationServer
    }

    /// Creates a server attached to `app` at once (Authlib's `AuthorizationServer(app, query_client=...)`).
    ///
    /// - Throws: `ConfigError` for a malformed setting.
    public convenience init(app: App, hooks: any OAuth1AuthorizationServerHooks, tokenGenerator: (@Sendable () -> String)? = nil) throws {
        self.init()
        try initApp(app, hooks: hooks)
        if let tokenGenerator { configuration.tokenGenerator = tokenGenerator }
    }

    /// Creates a server attached to `app` from the seed's functions (Authlib's
    /// `AuthorizationServer(app, query_client=..., token_generator=...)`); temporary credentials and
    /// nonces live in `cache` or the cache `OAUTH1_AUTH_CACHE_TYPE` names.
    ///
    /// - Throws: `ConfigError` for a malformed setting or when no cache is available.
    public convenience init(
        app: App,
        queryClient: @escaping @Sendable (String) async throws -> (any OAuth1Client)?,
        createTokenCredential: @escaping OAuth1ClosureHooks.CreateTokenCredential,
        cache: (any KeyValueCache)? = nil,
        tokenGenerator: (@Sendable () -> String)? = nil
    ) throws {
        self.init()
        try initApp(app, queryClient: queryClient, createTokenCredential: createTokenCredential, cache: cache)
        if let tokenGenerator { configuration.tokenGenerator = tokenGenerator }
    }

    /// Attaches a server created before the app (Authlib's `init_app`) with the application's own
    /// hooks: reads the settings from `app.config` and records itself in `app.extensions`.
    ///
    /// - Parameters:
    ///   - app: the app whose configuration the server reads.
    ///   - hooks: the application's storage hooks. Hooks it does not implement (temporary
    ///     credentials, nonces) use the hooks' `cache`.
    /// - Configuration keys:
    ///   - `OAUTH1_SUPPORTED_SIGNATURE_METHODS` (list, default `HMAC-SHA1`).
    ///   - `OAUTH1_TOKEN_GENERATOR`, `OAUTH1_TOKEN_SECRET_GENERATOR` (`() -> String` closures, optional).
    ///   - `OAUTH1_TOKEN_LENGTH`, `OAUTH1_TOKEN_SECRET_LENGTH` (int, defaults 42 and 48, at least 16).
    ///   - `OAUTH1_TIMESTAMP_WINDOW` (int seconds, default 300), `OAUTH1_REALM` (string, optional).
    ///   - `AUTHLIB_INSECURE_TRANSPORT` (flag): allow plain http.
    /// - Throws: `ConfigError` for a malformed setting.
    public func initApp(_ app: App, hooks: any OAuth1AuthorizationServerHooks) throws {
        configuration = try Self.configuration(from: app.config, base: configuration)
        self.hooks = hooks
        app.extensions[AppKey.self] = self
        app.onFreeze { [self] in freeze() }
    }

    /// Attaches a server with the seed's functions: `queryClient` and `createTokenCredential`, with
    /// temporary credentials and nonces in a cache (`cache`, or the one `OAUTH1_AUTH_CACHE_TYPE`
    /// names: `simple`/`memory` for an in-process ``/GatehouseCommon/MemoryCache``).
    ///
    /// - Throws: `ConfigError` for a malformed setting, or when no cache is given or configured
    ///   (temporary credentials would have nowhere to live).
    public func initApp(
        _ app: App,
        queryClient: @escaping @Sendable (String) async throws -> (any OAuth1Client)?,
        createTokenCredential: @escaping OAuth1ClosureHooks.CreateTokenCredential,
        cache: (any KeyValueCache)? = nil
    ) throws {
        guard let cache = try cache ?? Self.configuredCache(app.config, clock: configuration.clock) else {
            throw ConfigError.missing(key: .oauth1AuthCacheType)
        }
        try initApp(app, hooks: OAuth1ClosureHooks(queryClient: queryClient, createTokenCredential: createTokenCredential, cache: cache))
    }
}
