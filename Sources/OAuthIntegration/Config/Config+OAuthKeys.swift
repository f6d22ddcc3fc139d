public import GatehouseConfig

extension Config.Key {
    // Authlib's keys (seeds), plus a few Gatehouse adds where Authlib has no equivalent.

    /// `AUTHLIB_INSECURE_TRANSPORT`: allow plain-http OAuth endpoints (development only).
    public static let authlibInsecureTransport = Config.Key("AUTHLIB_INSECURE_TRANSPORT")
    /// `OAUTH2_EXPIRES_AUTHORIZATION_CODE`: lifetime of tokens from the authorization code grant.
    public static let oauth2ExpiresAuthorizationCode = Config.Key("OAUTH2_EXPIRES_AUTHORIZATION_CODE")
    /// `OAUTH2_EXPIRES_IMPLICIT`: lifetime of tokens from the implicit grant.
    public static let oauth2ExpiresImplicit = Config.Key("OAUTH2_EXPIRES_IMPLICIT")
    /// `OAUTH2_EXPIRES_PASSWORD`: lifetime of tokens from the password grant.
    public static let oauth2ExpiresPassword = Config.Key("OAUTH2_EXPIRES_PASSWORD")
    /// `OAUTH2_EXPIRES_CLIENT_CREDENTIALS`: lifetime of tokens from the client credentials grant.
    public static let oauth2ExpiresClientCredentials = Config.Key("OAUTH2_EXPIRES_CLIENT_CREDENTIALS")
    /// `OAUTH2_TOKEN_EXPIRES_IN`: grant type → lifetime, wins over the keys above.
    public static let oauth2TokenExpiresIn = Config.Key("OAUTH2_TOKEN_EXPIRES_IN")
    /// `OAUTH2_ACCESS_TOKEN_GENERATOR`: a generator closure, or a length for random tokens.
    public static let oauth2AccessTokenGenerator = Config.Key("OAUTH2_ACCESS_TOKEN_GENERATOR")
    /// `OAUTH2_REFRESH_TOKEN_GENERATOR`: a generator closure, a length, or true/false.
    public static let oauth2RefreshTokenGenerator = Config.Key("OAUTH2_REFRESH_TOKEN_GENERATOR")
    /// `OAUTH2_ERROR_URIS`: error code → documentation URI, sent as `error_uri`.
    public static let oauth2ErrorURIs = Config.Key("OAUTH2_ERROR_URIS")
    /// `OAUTH2_SCOPES_SUPPORTED`: the scopes a client may ask for; others are `invalid_scope`.
    public static let oauth2ScopesSupported = Config.Key("OAUTH2_SCOPES_SUPPORTED")
    /// `OAUTH2_ISSUER` (Gatehouse): the issuer identifier for RFC 9207 `iss` and RFC 8414 metadata.
    public static let oauth2Issuer = Config.Key("OAUTH2_ISSUER")
    /// `OAUTH2_AUTHORIZATION_CODE_LIFETIME` (Gatehouse): seconds an authorization code lives (≤ 600).
    public static let oauth2AuthorizationCodeLifetime = Config.Key("OAUTH2_AUTHORIZATION_CODE_LIFETIME")

    /// `OAUTH1_SUPPORTED_SIGNATURE_METHODS`: accepted methods (default `HMAC-SHA1`).
    public static let oauth1SupportedSignatureMethods = Config.Key("OAUTH1_SUPPORTED_SIGNATURE_METHODS")
    /// `OAUTH1_TOKEN_GENERATOR`: a `() -> String` closure for `oauth_token` values.
    public static let oauth1TokenGenerator = Config.Key("OAUTH1_TOKEN_GENERATOR")
    /// `OAUTH1_TOKEN_SECRET_GENERATOR`: a `() -> String` closure for `oauth_token_secret` values.
    public static let oauth1TokenSecretGenerator = Config.Key("OAUTH1_TOKEN_SECRET_GENERATOR")
    /// `OAUTH1_TOKEN_LENGTH`: length of generated tokens.
    public static let oauth1TokenLength = Config.Key("OAUTH1_TOKEN_LENGTH")
    /// `OAUTH1_TOKEN_SECRET_LENGTH`: length of generated token secrets.
    public static let oauth1TokenSecretLength = Config.Key("OAUTH1_TOKEN_SECRET_LENGTH")
    /// `OAUTH1_AUTH_CACHE_TYPE`: keep temporary credentials and nonces in a cache (`simple`/`memory`).
    public static let oauth1AuthCacheType = Config.Key("OAUTH1_AUTH_CACHE_TYPE")
    /// `OAUTH1_TIMESTAMP_WINDOW` (Gatehouse): accepted clock skew in seconds (default 300).
    public static let oauth1TimestampWindow = Config.Key("OAUTH1_TIMESTAMP_WINDOW")
    /// `OAUTH1_REALM` (Gatehouse): the realm in `WWW-Authenticate: OAuth realm=...`.
    public static let oauth1Realm = Config.Key("OAUTH1_REALM")
}
