public import GatehouseCommon
public import GatehouseConfig
public import OAuth1

extension OAuth1AuthorizationServer {
    /// The typed configuration `config` describes, over `base` for what it leaves out.
    public static func configuration(from config: Config, base: Configuration = Configuration()) throws -> Configuration {
        var configuration = base
        if let methods = config.strings(.oauth1SupportedSignatureMethods) {
            configuration.supportedSignatureMethods = methods.map { SignatureMethod($0) }
        }
        if let generator = try config.value(.oauth1TokenGenerator, as: (@Sendable () -> String).self) {
            configuration.tokenGenerator = generator
        }
        if let generator = try config.value(.oauth1TokenSecretGenerator, as: (@Sendable () -> String).self) {
            configuration.tokenSecretGenerator = generator
        }
        if let length = try config.int(.oauth1TokenLength) { configuration.tokenLength = try atLeast(16, length, .oauth1TokenLength) }
        if let length = try config.int(.oauth1TokenSecretLength) {
            configuration.tokenSecretLength = try atLeast(16, length, .oauth1TokenSecretLength)
        }
        if let window = try config.int(.oauth1TimestampWindow) { configuration.timestampWindow = window }
        if let realm = config.string(.oauth1Realm) { configuration.realm = realm }
        config.applyInsecureTransport(
            anyHost: &configuration.allowInsecureTransport,
            loopbackHosts: &configuration.allowInsecureLoopback
        )
        configuration.verifierThrottle = try configuration.verifierThrottle.configured(by: config)
        return configuration
    }

    /// The in-process cache `OAUTH1_AUTH_CACHE_TYPE` asks for, if any, its entries timed by `clock`
    /// (the server's).
    public static func configuredCache(_ config: Config, clock: WallClock = .system) throws -> (any KeyValueCache)? {
        guard let type = config.string(.oauth1AuthCacheType)?.lowercased(), !type.isEmpty else { return nil }
        switch type {
        case "simple", "memory": return MemoryCache(clock: clock)
        case "null", "none": return nil
        default: throw ConfigError.invalidValue(key: .oauth1AuthCacheType, expected: "simple, memory or null", found: type)
        }
    }

    private static func atLeast(_ minimum: Int, _ value: Int, _ key: Config.Key) throws(ConfigError) -> Int {
        guard value >= minimum else { throw .invalidValue(key: key, expected: "at least \(minimum)", found: "\(value)") }
        return value
    }
}
