import GatehouseCommon
public import HTTPCore
public import OAuth2

extension AuthorizationServer {
    /// Where ``initApp(_:queryClient:saveToken:)`` records the server on the app.
    public enum AppKey: StorageKey {
        public typealias Value = AuthorizationServer
    }

    /// Creates a server attached to `app` at once (Authlib's `AuthorizationServer(app, ...)`).
    ///
    /// - Throws: ``ConfigError`` for a malformed setting.
    public convenience init(app: App, queryClient: QueryClient? = nil, saveToken: SaveToken? = nil) throws {
        self.init()
        try initApp(app, queryClient: queryClient, saveToken: saveToken)
    }

    /// Attaches a server created before the app (Authlib's `init_app`): reads the settings from
    /// `app.config` into ``configuration``, records itself in `app.extensions` and freezes with the
    /// app (``App/onFreeze(_:)``).
    ///
    /// Only keys present in `app.config` change ``configuration``: a setting made in code before or
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
    /// - Throws: ``ConfigError`` for a malformed setting, so a typo fails at start-up.
    public func initApp(_ app: App, queryClient: QueryClient? = nil, saveToken: SaveToken? = nil) throws {
        configuration = try Self.configuration(from: app.config, base: configuration)
        if let queryClient { self.queryClient = queryClient }
        if let saveToken { self.saveToken = saveToken }
        app.extensions[AppKey.self] = self
        app.onFreeze { [self] in freeze() }
    }

    /// The typed configuration `config` describes, over `base` for what it leaves out.
    public static func configuration(from config: Config, base: Configuration = Configuration()) throws -> Configuration {
        var configuration = base
        let lifetimes: [(Config.Key, GrantType)] = [
            (.oauth2ExpiresAuthorizationCode, .authorizationCode),
            (.oauth2ExpiresImplicit, .implicit),
            (.oauth2ExpiresPassword, .password),
            (.oauth2ExpiresClientCredentials, .clientCredentials),
        ]
        for (key, grant) in lifetimes {
            if let seconds = try config.int(key) { configuration.tokenLifetimes[grant] = try positive(seconds, key) }
        }
        let grantTypes: [GrantType] = [.authorizationCode, .implicit, .password, .clientCredentials, .refreshToken]
        let custom = (try config.value(.oauth2TokenExpiresIn, as: [String: any Sendable].self))?.keys.map { GrantType($0) } ?? []
        for grant in grantTypes + custom {
            let key = Config.Key.oauth2TokenExpiresIn.child(grant.rawValue)
            if let seconds = try config.int(key) { configuration.tokenExpiresIn[grant] = try positive(seconds, key) }
        }

        if let setting = try TokenGeneratorSetting(config, .oauth2AccessTokenGenerator) {
            configuration.accessTokenGenerator = try setting.accessTokenGenerator(.oauth2AccessTokenGenerator)
        }
        if let setting = try TokenGeneratorSetting(config, .oauth2RefreshTokenGenerator) {
            configuration.refreshTokenGenerator = setting.refreshTokenGeneration
        }

        configuration.errorURIs.merge(try errorURIs(config), uniquingKeysWith: { _, new in new })
        if let scopes = config.strings(.oauth2ScopesSupported) { configuration.scopesSupported = Set(scopes) }
        if let issuer = config.string(.oauth2Issuer) { configuration.issuer = issuer }
        if let lifetime = try config.int(.oauth2AuthorizationCodeLifetime) {
            configuration.authorizationCodeLifetime = try positive(lifetime, .oauth2AuthorizationCodeLifetime)
        }
        if let transport = config.insecureTransportSetting {
            configuration.allowInsecureTransport = transport == .anyHost
            configuration.allowInsecureLoopback = transport == .loopbackHosts
        }
        configuration.passwordThrottle = try configuration.passwordThrottle.configured(by: config)
        return configuration
    }

    private static func errorURIs(_ config: Config) throws -> [String: String] {
        if let pairs = try? config.value(.oauth2ErrorURIs, as: [(String, String)].self) {
            return Dictionary(pairs, uniquingKeysWith: { _, last in last })
        }
        if let dictionary = try? config.value(.oauth2ErrorURIs, as: [String: String].self) { return dictionary }
        var uris: [String: String] = [:]
        for code in knownErrorCodes {
            if let uri = config.string(Config.Key.oauth2ErrorURIs.child(code)) { uris[code] = uri }
        }
        return uris
    }

    private static let knownErrorCodes = [
        "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type",
        "invalid_scope", "access_denied", "unsupported_response_type", "server_error", "temporarily_unavailable",
        "invalid_token", "insufficient_scope", "unsupported_token_type", "insecure_transport",
    ]

    private static func positive(_ value: Int, _ key: Config.Key) throws(ConfigError) -> Int {
        guard value > 0 else { throw .invalidValue(key: key, expected: "a positive number", found: "\(value)") }
        return value
    }
}
