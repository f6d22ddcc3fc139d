public import GatehouseConfig
public import OAuth1

extension OAuth1ResourceProtector {
    /// The typed configuration `config` describes, over `base` for what it leaves out: only keys
    /// present change a setting.
    ///
    /// - Configuration keys: `OAUTH1_SUPPORTED_SIGNATURE_METHODS` (list), `OAUTH1_TIMESTAMP_WINDOW`
    ///   (int seconds), `OAUTH1_REALM` (string), `AUTHLIB_INSECURE_TRANSPORT` (flag or `loopback`).
    /// - Throws: ``/GatehouseConfig/ConfigError`` for a malformed setting.
    public static func configuration(from config: Config, base: Configuration = Configuration()) throws -> Configuration {
        var configuration = base
        if let methods = config.strings(.oauth1SupportedSignatureMethods) {
            configuration.supportedSignatureMethods = methods.map { SignatureMethod($0) }
        }
        if let window = try config.int(.oauth1TimestampWindow) { configuration.timestampWindow = window }
        if let realm = config.string(.oauth1Realm) { configuration.realm = realm }
        config.applyInsecureTransport(
            anyHost: &configuration.allowInsecureTransport,
            loopbackHosts: &configuration.allowInsecureLoopback
        )
        return configuration
    }
}
