public import GatehouseCommon
public import HTTPCore
import NIOConcurrencyHelpers
import Synchronization

extension OAuth {
    /// Where ``initApp(_:fetchToken:updateToken:cache:)`` records the registry on the app.
    public enum AppKey: StorageKey {
        public typealias Value = OAuth
    }

    /// Creates a registry attached to `app` at once (Authlib's `OAuth(app, fetch_token=...)`).
    ///
    /// - Parameters:
    ///   - app: the app whose configuration completes the registrations.
    ///   - fetchToken: the registry-level token loader.
    ///   - updateToken: the registry-level refreshed-token saver.
    ///   - cache: where OAuth 1 temporary credentials wait.
    /// - Throws: ``ConfigError`` for a malformed setting of an app registered already.
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
    /// remote apps then complete their settings from `app.config`, and the registry records itself
    /// in `app.extensions`. Hooks and cache given here replace those given at creation; `nil` keeps them.
    ///
    /// - Parameters:
    ///   - app: the app.
    ///   - fetchToken: the registry-level token loader.
    ///   - updateToken: the registry-level refreshed-token saver.
    ///   - cache: where OAuth 1 temporary credentials wait.
    /// - Configuration keys: per remote app, see ``RemoteApp/Configuration/completed(from:name:)``
    ///   (`NAME_CLIENT_ID`, `NAME_ACCESS_TOKEN_URL`, ..., and `AUTHLIB_OAUTH_CLIENTS`).
    /// - Throws: ``ConfigError`` when a setting of an app registered already is malformed, so a typo
    ///   fails at start-up.
    public func initApp(
        _ app: App,
        fetchToken: FetchToken? = nil,
        updateToken: UpdateToken? = nil,
        cache: (any KeyValueCache)? = nil
    ) throws {
        shared.values.withLockedValue { values in
            values.app = app
            if let fetchToken { values.fetchToken = fetchToken }
            if let updateToken { values.updateToken = updateToken }
            if let cache { values.cache = cache }
        }
        let registered = clients.withLockedValue { Array($0.values) }
        for client in registered {
            client.state.withLockedValue { $0.configuration = nil }
            _ = try client.configuration
        }
        app.extensions[AppKey.self] = self
    }
}
