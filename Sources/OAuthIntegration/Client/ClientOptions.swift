public import AsyncHTTPClient
public import OAuth1
public import OAuth2

/// The session settings of a remote app: Authlib's `client_kwargs`, typed.
///
/// Each field left `nil` falls back to the app configuration (`NAME_CLIENT_KWARGS_SCOPE`, or
/// `client_kwargs.scope` under `AUTHLIB_OAUTH_CLIENTS`), then to the session's default. The
/// configuration spells the fields in snake case: `scope`, `token_endpoint_auth_method`,
/// `code_challenge_method`, `signature_method`, `signature_type` (`HEADER`, `BODY`, `QUERY`),
/// `rsa_key`, `realm`, `leeway`, `timeout` (seconds).
///
/// ```swift
/// oauth.register("github", clientKwargs: ClientOptions(scope: "user:email", tokenEndpointAuthMethod: .clientSecretPost))
/// ```
public struct ClientOptions: Sendable {
    /// OAuth 2 `scope` of the authorization request. Default: none.
    public var scope: String?
    /// OAuth 2 client authentication at the token endpoint (RFC 6749 §2.3). Default:
    /// `client_secret_basic` with a secret, `none` without.
    public var tokenEndpointAuthMethod: ClientAuthMethod?
    /// OAuth 2 PKCE method (RFC 7636). Default and strongly advised: `S256`; `plain` only for a
    /// provider that supports nothing else.
    public var codeChallengeMethod: CodeChallengeMethod?
    /// OAuth 1 signature method (RFC 5849 §3.4). Default `HMAC-SHA1`.
    public var signatureMethod: SignatureMethod?
    /// OAuth 1 placement of the protocol parameters (RFC 5849 §3.5). Default: the header.
    public var signaturePlacement: OAuth1Request.ParameterLocation?
    /// OAuth 1 RSA private key (PEM), for `RSA-SHA1`.
    public var rsaPrivateKey: String?
    /// OAuth 1 `realm` of the `Authorization` header.
    public var realm: String?
    /// OAuth 2: seconds before expiry at which a token is refreshed. Default 60.
    public var leeway: Int?
    /// Deadline of each HTTP exchange with the provider. Default 30 seconds.
    public var timeout: Duration?
    /// The AsyncHTTPClient client to use. Default `HTTPClient.shared`.
    public var httpClient: HTTPClient?

    /// Creates options; every field is optional.
    ///
    /// - Parameters:
    ///   - scope: OAuth 2 `scope`.
    ///   - tokenEndpointAuthMethod: OAuth 2 client authentication method.
    ///   - codeChallengeMethod: OAuth 2 PKCE method (default S256).
    ///   - signatureMethod: OAuth 1 signature method.
    ///   - signaturePlacement: OAuth 1 parameter placement.
    ///   - rsaPrivateKey: OAuth 1 RSA key (PEM).
    ///   - realm: OAuth 1 `realm`.
    ///   - leeway: OAuth 2 refresh leeway in seconds.
    ///   - timeout: HTTP deadline.
    ///   - httpClient: the HTTP client.
    public init(
        scope: String? = nil,
        tokenEndpointAuthMethod: ClientAuthMethod? = nil,
        codeChallengeMethod: CodeChallengeMethod? = nil,
        signatureMethod: SignatureMethod? = nil,
        signaturePlacement: OAuth1Request.ParameterLocation? = nil,
        rsaPrivateKey: String? = nil,
        realm: String? = nil,
        leeway: Int? = nil,
        timeout: Duration? = nil,
        httpClient: HTTPClient? = nil
    ) {
        self.scope = scope
        self.tokenEndpointAuthMethod = tokenEndpointAuthMethod
        self.codeChallengeMethod = codeChallengeMethod
        self.signatureMethod = signatureMethod
        self.signaturePlacement = signaturePlacement
        self.rsaPrivateKey = rsaPrivateKey
        self.realm = realm
        self.leeway = leeway
        self.timeout = timeout
        self.httpClient = httpClient
    }

    /// These options, with the fields they leave `nil` taken from `fallback`.
    func merged(over fallback: ClientOptions) -> ClientOptions {
        ClientOptions(
            scope: scope ?? fallback.scope,
            tokenEndpointAuthMethod: tokenEndpointAuthMethod ?? fallback.tokenEndpointAuthMethod,
            codeChallengeMethod: codeChallengeMethod ?? fallback.codeChallengeMethod,
            signatureMethod: signatureMethod ?? fallback.signatureMethod,
            signaturePlacement: signaturePlacement ?? fallback.signaturePlacement,
            rsaPrivateKey: rsaPrivateKey ?? fallback.rsaPrivateKey,
            realm: realm ?? fallback.realm,
            leeway: leeway ?? fallback.leeway,
            timeout: timeout ?? fallback.timeout,
            httpClient: httpClient ?? fallback.httpClient
        )
    }
}
