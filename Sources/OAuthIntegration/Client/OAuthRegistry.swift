public import GatehouseCommon
public import GatehouseConfig
public import OAuthClient

/// The OAuth client registry (Authlib's `OAuth` for Flask and Django): the providers an app logs
/// in with and calls, each an ``OAuthRemoteApp`` reached as `oauth.twitter`.
///
/// Framework-neutral: it is generic over the host's request type (``RegistryRequest``), and each
/// adapter names it for its framework (`OAuth` in `OAuthMiddleware`, whose documentation shows it
/// in use). Configure, then serve: registrations, hooks and the configuration are set up first and
/// frozen by ``freeze()`` (an adapter calls it when its app starts; the first use calls it
/// otherwise), after which each registered app's settings are resolved once and read without a
/// lock. Registering after that is a programming error.
///
/// Registry-level hooks are shared by every remote app that has no hook of its own: `fetchToken`
/// (name, request) for API calls and `updateToken` (name, token, previous, request) after a
/// refresh. The `cache` keeps OAuth 1 temporary credentials between the redirect and the callback
/// (**Default:** an in-process ``/GatehouseCommon/MemoryCache``, which serves one node only: pass a shared cache
/// when several nodes serve the callbacks).
@dynamicMemberLookup
public final class OAuthRegistry<Request: RegistryRequest>: Sendable {
    /// Loads the token of the user of `request` for the remote app `name` (Authlib's registry
    /// `fetch_token(name)`); `nil` when the user has none.
    public typealias FetchToken = @Sendable (_ name: String, _ request: Request) async throws -> RemoteToken?
    /// Saves the refreshed OAuth 2 token of remote app `name`, replacing `previous` (Authlib's
    /// registry `update_token(name, token, ...)`).
    public typealias UpdateToken = @Sendable (_ name: String, _ token: Token, _ previous: Token?, _ request: Request?) async throws -> Void

    /// What every remote app of the registry shares.
    struct Shared: Sendable {
        var config: Config?
        var fetchToken: FetchToken?
        var updateToken: UpdateToken?
        var cache: any KeyValueCache
        var clock: WallClock
    }

    /// The registry's settings: set up, then frozen with every registered app resolved.
    struct Setup: Sendable {
        var shared: Shared
        var registered: [String: OAuthRemoteApp<Request>.Configuration] = [:]
        /// The registered apps with their settings completed from the configuration; filled when
        /// the registry freezes.
        var apps: [String: OAuthRemoteApp<Request>] = [:]

        mutating func resolveApps() {
            let shared = self.shared
            for (name, configuration) in registered {
                let resolved = Result { () throws(any Error) in
                    guard let config = shared.config else { return configuration }
                    return try configuration.completed(from: config, name: name)
                }
                apps[name] = OAuthRemoteApp(name: name, configuration: resolved, shared: shared)
            }
        }
    }

    let setup: SetupState<Setup>
    /// Apps met by name in the configuration only (`NAME_CLIENT_ID`, `AUTHLIB_OAUTH_CLIENTS`),
    /// made on first use from the frozen configuration and kept for their discovered metadata.
    let configured = LockedValue<[String: OAuthRemoteApp<Request>]>([:])

    /// Creates a registry (Authlib's `OAuth()`); attach the configuration later with
    /// ``configure(config:fetchToken:updateToken:cache:)`` (an adapter's `initApp` does).
    ///
    /// - Parameters:
    ///   - fetchToken: the registry-level token loader. **Default:** none.
    ///   - updateToken: the registry-level refreshed-token saver. **Default:** none.
    ///   - cache: where OAuth 1 temporary credentials wait. **Default:** an in-process ``/GatehouseCommon/MemoryCache``.
    ///   - clock: the wall clock pending flows expire by. **Default:** ``/GatehouseCommon/WallClock/system``.
    public init(
        fetchToken: FetchToken? = nil,
        updateToken: UpdateToken? = nil,
        cache: (any KeyValueCache)? = nil,
        clock: WallClock = .system
    ) {
        let shared = Shared(
            fetchToken: fetchToken,
            updateToken: updateToken,
            cache: cache ?? MemoryCache(clock: clock),
            clock: clock
        )
        setup = SetupState(Setup(shared: shared), owner: "the OAuth client registry")
    }

    /// Attaches the app configuration the registered apps complete their settings from, and
    /// replaces the hooks and cache given (`nil` keeps them); the neutral part of Authlib's
    /// `init_app(app, fetch_token=..., update_token=..., cache=...)`.
    ///
    /// - Configuration keys: per remote app, see ``OAuthRemoteApp/Configuration/completed(from:name:)``
    ///   (`NAME_CLIENT_ID`, `NAME_ACCESS_TOKEN_URL`, ..., and `AUTHLIB_OAUTH_CLIENTS`).
    /// - Throws: ``/GatehouseConfig/ConfigError`` when a setting of an app registered already is malformed, so a
    ///   typo fails at start-up.
    public func configure(
        config: Config,
        fetchToken: FetchToken? = nil,
        updateToken: UpdateToken? = nil,
        cache: (any KeyValueCache)? = nil
    ) throws(ConfigError) {
        let registered = setup.update("attach a configuration") { setup in
            setup.shared.config = config
            if let fetchToken { setup.shared.fetchToken = fetchToken }
            if let updateToken { setup.shared.updateToken = updateToken }
            if let cache { setup.shared.cache = cache }
            return setup.registered
        }
        for (name, configuration) in registered { _ = try configuration.completed(from: config, name: name) }
    }

    /// Freezes the registrations: each registered app's settings are completed from the
    /// configuration once, and requests read them without a lock from then on. Idempotent.
    public func freeze() {
        setup.freeze { $0.resolveApps() }
    }

    /// The frozen registry (one atomic load), freezing it at the first call.
    var state: Setup {
        if let frozen = setup.frozenSnapshot { return frozen.value }
        return setup.freeze { $0.resolveApps() }.value
    }

    /// The remote app registered as `name`, or one configured under that name (`NAME_CLIENT_ID` or
    /// `AUTHLIB_OAUTH_CLIENTS`) (Authlib's `create_client`).
    ///
    /// - Parameter name: the remote app's name.
    /// - Returns: the remote app, or `nil` when nothing is registered or configured under `name`.
    public func createClient(_ name: String) -> OAuthRemoteApp<Request>? {
        let state = self.state
        if let app = state.apps[name] { return app }
        if let app = configured.withLock({ $0[name] }) { return app }
        guard let config = state.shared.config else { return nil }
        guard OAuthRemoteApp<Request>.Reader(config: config, name: name).string("client_id") != nil else { return nil }
        let resolved = Result { () throws(any Error) in try OAuthRemoteApp<Request>.Configuration().completed(from: config, name: name) }
        let app = OAuthRemoteApp(name: name, configuration: resolved, shared: state.shared)
        return configured.withLock { configured in
            if let existing = configured[name] { return existing }
            configured[name] = app
            return app
        }
    }

    /// `oauth.twitter`: the remote app registered as `twitter`.
    ///
    /// An unknown name gives a remote app whose every operation throws ``/OAuthClient/OAuthClientError``
    /// `invalid_configuration`; use ``createClient(_:)`` to test for presence.
    public subscript(dynamicMember name: String) -> OAuthRemoteApp<Request> {
        createClient(name) ?? OAuthRemoteApp(name: name, configuration: nil, shared: state.shared)
    }

    /// The names of the registered remote apps, sorted.
    public var names: [String] { setup.read { $0.registered.keys.sorted() } }
}
