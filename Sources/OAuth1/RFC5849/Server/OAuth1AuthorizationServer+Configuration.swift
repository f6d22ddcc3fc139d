public import GatehouseCommon
public import GatehouseOperations

extension OAuth1AuthorizationServer {
    /// The typed settings of an authorization server; the HTTP layer fills them from its configuration
    /// keys once, at `initApp`.
    ///
    /// - Configuration keys:
    ///   - `OAUTH1_SUPPORTED_SIGNATURE_METHODS` → ``supportedSignatureMethods`` (list, default `["HMAC-SHA1"]`)
    ///   - `OAUTH1_TOKEN_GENERATOR` → ``tokenGenerator`` (function, default random of ``tokenLength``)
    ///   - `OAUTH1_TOKEN_SECRET_GENERATOR` → ``tokenSecretGenerator`` (function, default random of ``tokenSecretLength``)
    ///   - `OAUTH1_TOKEN_LENGTH` → ``tokenLength`` (int, default 42)
    ///   - `OAUTH1_TOKEN_SECRET_LENGTH` → ``tokenSecretLength`` (int, default 48)
    ///   - `AUTHLIB_INSECURE_TRANSPORT` → ``allowInsecureTransport`` (bool, default false)
    public struct Configuration: Sendable {
        /// The signature methods the server accepts; each must also be in the server's registry.
        /// Default: HMAC-SHA1 only.
        public var supportedSignatureMethods: [SignatureMethod]
        /// How far `oauth_timestamp` may be from the server's clock, in seconds, either way (RFC 5849 §3.3).
        /// Default 300; 0 turns the check off.
        public var timestampWindow: Int
        /// Generates `oauth_token` values; `nil` uses ``/GatehouseCommon/TokenGenerator`` with ``tokenLength``.
        public var tokenGenerator: (@Sendable () -> String)?
        /// Generates `oauth_token_secret` values; `nil` uses ``/GatehouseCommon/TokenGenerator`` with ``tokenSecretLength``.
        public var tokenSecretGenerator: (@Sendable () -> String)?
        /// The length of generated tokens. Default 42 (Authlib's).
        public var tokenLength: Int
        /// The length of generated token secrets. Default 48 (Authlib's).
        public var tokenSecretLength: Int
        /// Accept plain `http` requests (`AUTHLIB_INSECURE_TRANSPORT`), for development. Default `false`.
        public var allowInsecureTransport: Bool
        /// Accept plain `http` only for requests addressed to a loopback host, decided per request from
        /// its URI (`AUTHLIB_INSECURE_TRANSPORT=loopback`). Default `false`.
        public var allowInsecureLoopback: Bool
        /// Brute-force protection of `oauth_verifier` at the token endpoint: wrong verifiers are
        /// counted per client and client address, and past the limits the endpoint answers 429 with
        /// `Retry-After` before checking anything (each wrong guess also burns its temporary
        /// credential). Default (`nil` in `init`) ``/GatehouseOperations/Throttle/Rules/standard`` counted in this process
        /// on ``clock``.
        public var verifierThrottle: Throttle
        /// The realm named in `WWW-Authenticate` on 401 answers. Default `nil`.
        public var realm: String?
        /// How error bodies are encoded. Default form encoding.
        public var errorFormat: OAuth1Error.BodyFormat
        /// The wall clock `oauth_timestamp` is checked against; the default ``verifierThrottle``
        /// counts on it too. Tests pass a ``/GatehouseCommon/ManualClock``. Default ``/GatehouseCommon/WallClock/system``.
        public var clock: WallClock

        /// Creates a configuration; every argument has the secure default.
        public init(
            supportedSignatureMethods: [SignatureMethod] = [.hmacSHA1],
            timestampWindow: Int = 300,
            tokenGenerator: (@Sendable () -> String)? = nil,
            tokenSecretGenerator: (@Sendable () -> String)? = nil,
            tokenLength: Int = 42,
            tokenSecretLength: Int = 48,
            allowInsecureTransport: Bool = false,
            allowInsecureLoopback: Bool = false,
            verifierThrottle: Throttle? = nil,
            realm: String? = nil,
            errorFormat: OAuth1Error.BodyFormat = .form,
            clock: WallClock = .system
        ) {
            self.supportedSignatureMethods = supportedSignatureMethods
            self.timestampWindow = timestampWindow
            self.tokenGenerator = tokenGenerator
            self.tokenSecretGenerator = tokenSecretGenerator
            self.tokenLength = tokenLength
            self.tokenSecretLength = tokenSecretLength
            self.allowInsecureTransport = allowInsecureTransport
            self.allowInsecureLoopback = allowInsecureLoopback
            self.verifierThrottle = verifierThrottle ?? Throttle(name: "oauth1_verifier", clock: clock)
            self.realm = realm
            self.errorFormat = errorFormat
            self.clock = clock
        }

        /// A new `oauth_token`.
        public func generateToken() -> String {
            tokenGenerator?() ?? TokenGenerator.generate(length: tokenLength)
        }

        /// A new `oauth_token_secret`.
        public func generateTokenSecret() -> String {
            tokenSecretGenerator?() ?? TokenGenerator.generate(length: tokenSecretLength)
        }
    }
}
