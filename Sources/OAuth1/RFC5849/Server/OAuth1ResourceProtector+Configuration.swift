public import GatehouseCommon

extension OAuth1ResourceProtector {
    /// The typed settings of a resource protector.
    public struct Configuration: Sendable {
        /// The signature methods accepted. Default: HMAC-SHA1 only (`OAUTH1_SUPPORTED_SIGNATURE_METHODS`).
        public var supportedSignatureMethods: [SignatureMethod]
        /// How far `oauth_timestamp` may be from the clock, in seconds, either way. Default 300; 0 disables.
        public var timestampWindow: Int
        /// Accept plain `http` (`AUTHLIB_INSECURE_TRANSPORT`). Default `false`.
        public var allowInsecureTransport: Bool
        /// Accept plain `http` only for requests addressed to a loopback host (`AUTHLIB_INSECURE_TRANSPORT=loopback`).
        /// Default `false`.
        public var allowInsecureLoopback: Bool
        /// The realm named in `WWW-Authenticate`. Default `nil`.
        public var realm: String?
        /// How error bodies are encoded. Default form encoding.
        public var errorFormat: OAuth1Error.BodyFormat
        /// The wall clock `oauth_timestamp` is checked against; tests pass a ``/GatehouseCommon/ManualClock``.
        /// Default ``/GatehouseCommon/WallClock/system``.
        public var clock: WallClock

        /// Creates a configuration with secure defaults.
        public init(
            supportedSignatureMethods: [SignatureMethod] = [.hmacSHA1],
            timestampWindow: Int = 300,
            allowInsecureTransport: Bool = false,
            allowInsecureLoopback: Bool = false,
            realm: String? = nil,
            errorFormat: OAuth1Error.BodyFormat = .form,
            clock: WallClock = .system
        ) {
            self.supportedSignatureMethods = supportedSignatureMethods
            self.timestampWindow = timestampWindow
            self.allowInsecureTransport = allowInsecureTransport
            self.allowInsecureLoopback = allowInsecureLoopback
            self.realm = realm
            self.errorFormat = errorFormat
            self.clock = clock
        }
    }
}
