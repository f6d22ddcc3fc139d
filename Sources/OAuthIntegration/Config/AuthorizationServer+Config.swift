import GatehouseCommon
public import GatehouseConfig
public import OAuth2

extension AuthorizationServer {
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
        config.applyInsecureTransport(
            anyHost: &configuration.allowInsecureTransport,
            loopbackHosts: &configuration.allowInsecureLoopback
        )
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
