public import GatehouseCommon
public import GatehouseOperations

extension AuthorizationServer {
    /// Typed settings of an ``AuthorizationServer`` (filled by `initApp` from `app.config`).
    ///
    /// - Configuration keys (read by OAuthMiddleware's `initApp`):
    ///   - `OAUTH2_EXPIRES_AUTHORIZATION_CODE` (int, default 864000): ``tokenLifetimes``[.authorizationCode]
    ///   - `OAUTH2_EXPIRES_IMPLICIT` (int, default 3600): ``tokenLifetimes``[.implicit]
    ///   - `OAUTH2_EXPIRES_PASSWORD` (int, default 864000): ``tokenLifetimes``[.password]
    ///   - `OAUTH2_EXPIRES_CLIENT_CREDENTIALS` (int, default 864000): ``tokenLifetimes``[.clientCredentials]
    ///   - `OAUTH2_TOKEN_EXPIRES_IN` (grant type → int, optional): ``tokenExpiresIn``, wins over the above
    ///   - `OAUTH2_ACCESS_TOKEN_GENERATOR` (generator, optional): ``accessTokenGenerator``
    ///   - `OAUTH2_REFRESH_TOKEN_GENERATOR` (generator or bool, default true): ``refreshTokenGenerator``
    ///   - `OAUTH2_ERROR_URIS` (error → URI, optional): ``errorURIs``
    ///   - `OAUTH2_SCOPES_SUPPORTED` (list, optional): ``scopesSupported``
    ///   - `AUTHLIB_INSECURE_TRANSPORT` (environment, default false): ``allowInsecureTransport``, or
    ///     ``allowInsecureLoopback`` when its value is `loopback`
    ///   - `GATEHOUSE_THROTTLE_*` (ints): the rules of ``passwordThrottle``
    public struct Configuration: Sendable {
        /// Authlib's per-grant token lifetimes.
        public static let defaultTokenLifetimes: [GrantType: Int] = [
            .authorizationCode: 864_000,
            .implicit: 3600,
            .password: 864_000,
            .clientCredentials: 864_000,
        ]

        /// A function producing access or refresh token strings for a grant request.
        public typealias Generator = @Sendable (GrantRequest) -> String

        /// Whether and how refresh tokens are generated.
        public enum RefreshTokenGeneration: Sendable {
            /// No refresh tokens (`OAUTH2_REFRESH_TOKEN_GENERATOR = false`).
            case disabled
            /// ``/GatehouseCommon/OrderedToken`` refresh tokens, like the access tokens (`true`, the default).
            case enabled
            /// A custom generator.
            case custom(Generator)
        }

        /// Token lifetime per grant type (the `OAUTH2_EXPIRES_*` keys).
        public var tokenLifetimes: [GrantType: Int]
        /// Overrides per grant type (`OAUTH2_TOKEN_EXPIRES_IN`), checked first.
        public var tokenExpiresIn: [GrantType: Int]
        /// Lifetime for grant types listed nowhere (e.g. `refresh_token`): Authlib's 3600.
        public var defaultTokenLifetime: Int
        /// Generates access tokens. **Default:** an ``/GatehouseCommon/OrderedToken``: a time-ordered, non-secret
        /// selector and 40 random letters and digits (238 bits), which a store can index in issue order.
        public var accessTokenGenerator: Generator?
        /// Generates refresh tokens. **Default:** ``RefreshTokenGeneration/enabled``.
        public var refreshTokenGenerator: RefreshTokenGeneration
        /// Documentation URI per error code, sent as `error_uri` (`OAUTH2_ERROR_URIS`).
        public var errorURIs: [String: String]
        /// The scopes the server knows; a request outside it is `invalid_scope`. `nil`: any.
        public var scopesSupported: Set<String>?
        /// Authorization code lifetime in seconds, at most 600 (RFC 6749 §4.1.2).
        public var authorizationCodeLifetime: Int
        /// Serve plain http (`AUTHLIB_INSECURE_TRANSPORT`). **Default:** `false`.
        public var allowInsecureTransport: Bool
        /// Serve plain http only to requests addressed to a loopback host (`localhost`, `127.0.0.0/8`,
        /// `[::1]`), decided per request from its URI (`AUTHLIB_INSECURE_TRANSPORT=loopback`): a
        /// development server on a loopback address keeps refusing a request that names any other host,
        /// as one through a plain-http proxy or a DNS-rebinding page would. **Default:** `false`.
        public var allowInsecureLoopback: Bool
        /// Brute-force protection of the password grant (RFC 6749 §4.3.2 MUST, §10.10): failed
        /// `username`/`password` pairs are counted per user name and client address, and past the
        /// limits the token endpoint answers 429 `temporarily_unavailable` with `Retry-After` before
        /// checking the password. **Default:** ``/GatehouseOperations/Throttle/Rules/standard`` counted in this process;
        /// give it a shared ``/GatehouseOperations/FailureCounter`` (OAuthStores' `SQLFailureCounter`) when several nodes serve.
        /// `nil` in `init` makes the default one, counting on ``clock``.
        public var passwordThrottle: Throttle
        /// The issuer identifier: `iss` in authorization responses (RFC 9207) and metadata (RFC 8414).
        public var issuer: String?
        /// The realm in `WWW-Authenticate: Basic` challenges.
        public var realm: String
        /// Endpoint URLs published in the metadata document (RFC 8414 §2).
        public var authorizationEndpoint: String?
        /// The token endpoint URL.
        public var tokenEndpoint: String?
        /// The RFC 7009 revocation endpoint URL.
        public var revocationEndpoint: String?
        /// The RFC 7662 introspection endpoint URL.
        public var introspectionEndpoint: String?
        /// The URL of the JWK Set that verifies the server's signatures (`jwks_uri`, RFC 8414 §2).
        public var jwksURI: String?
        /// Issue RFC 9068 JWT access tokens signed with these settings instead of opaque tokens
        /// (`OAUTH2_ACCESS_TOKEN_FORMAT=jwt` in DemoApp). **Default:** `nil`, opaque tokens.
        public var jwtAccessTokens: JWTAccessTokens?
        /// The wall clock every decision of the server reads: when tokens and codes are issued and
        /// expire, the refresh token reuse grace period. Tests pass a ``/GatehouseCommon/ManualClock``'s.
        /// **Default:** ``/GatehouseCommon/WallClock/system``.
        public var clock: WallClock

        /// Creates a configuration with the secure defaults.
        public init(
            tokenLifetimes: [GrantType: Int] = Configuration.defaultTokenLifetimes,
            tokenExpiresIn: [GrantType: Int] = [:],
            defaultTokenLifetime: Int = 3600,
            accessTokenGenerator: Generator? = nil,
            refreshTokenGenerator: RefreshTokenGeneration = .enabled,
            errorURIs: [String: String] = [:],
            scopesSupported: Set<String>? = nil,
            authorizationCodeLifetime: Int = 600,
            allowInsecureTransport: Bool = false,
            allowInsecureLoopback: Bool = false,
            passwordThrottle: Throttle? = nil,
            issuer: String? = nil,
            realm: String = "OAuth2",
            clock: WallClock = .system
        ) {
            self.tokenLifetimes = tokenLifetimes
            self.tokenExpiresIn = tokenExpiresIn
            self.defaultTokenLifetime = defaultTokenLifetime
            self.accessTokenGenerator = accessTokenGenerator
            self.refreshTokenGenerator = refreshTokenGenerator
            self.errorURIs = errorURIs
            self.scopesSupported = scopesSupported
            self.authorizationCodeLifetime = authorizationCodeLifetime
            self.allowInsecureTransport = allowInsecureTransport
            self.allowInsecureLoopback = allowInsecureLoopback
            self.passwordThrottle = passwordThrottle ?? Throttle(name: "password", clock: clock)
            self.clock = clock
            self.issuer = issuer
            self.realm = realm
        }

        /// The `expires_in` for tokens issued by `grantType`.
        public func tokenLifetime(for grantType: GrantType) -> Int {
            tokenExpiresIn[grantType] ?? tokenLifetimes[grantType] ?? defaultTokenLifetime
        }

        /// The authorization code lifetime actually used: between 1 and 600 seconds.
        public var effectiveAuthorizationCodeLifetime: Int {
            min(max(authorizationCodeLifetime, 1), 600)
        }

        /// Whether refresh tokens are generated at all.
        public var issuesRefreshTokens: Bool {
            if case .disabled = refreshTokenGenerator { return false }
            return true
        }
    }
}
