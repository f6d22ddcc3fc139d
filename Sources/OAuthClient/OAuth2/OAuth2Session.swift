public import AsyncHTTPClient
import FoundationEssentials
public import GatehouseCommon
public import OAuth2

/// An OAuth 2.0 client session (Authlib's `OAuth2Session`), free of any server framework: builds
/// the authorization URL, checks the callback, talks to the token, revocation and metadata
/// endpoints, and calls protected resources with the bearer token, refreshing it first when it has
/// expired.
///
/// The session is a `Sendable` reference: share it between tasks. It holds the current ``token``
/// (set by every successful token request), the provider's ``metadata`` and the compliance hooks;
/// HTTP goes through an AsyncHTTPClient `HTTPClient` (default `HTTPClient.shared`).
///
/// ```swift
/// let session = OAuth2Session(
///     clientID: "my-app", clientSecret: "s3cret",
///     redirectURI: "https://app.example/callback",
///     updateToken: { token, previous in try await tokens.save(token) })
/// try await session.discover(issuer: "https://accounts.example.com")
/// let start = try session.createAuthorizationURL(scope: "openid profile")
/// // keep start.state, start.codeVerifier, start.nonce in the user's server-side session, redirect to start.url
/// let callback = try session.parseAuthorizationResponse(callbackURL, state: start.state)
/// let token = try await session.fetchToken(code: callback.code, codeVerifier: start.codeVerifier)
/// let me = try await session.request(.GET, "https://api.example.com/me")
/// ```
public final class OAuth2Session: Sendable {
    /// Called with the new token after every refresh, and the token it replaces (Authlib's
    /// `update_token(token, refresh_token=..., access_token=...)`): save it where the old one was.
    public typealias UpdateToken = @Sendable (_ token: Token, _ previous: Token?) async throws -> Void

    /// Adds client credentials to a token-endpoint request (RFC 6749 §2.3); see
    /// ``registerClientAuthMethod(_:_:)``.
    public typealias ClientAuthHandler =
        @Sendable (_ request: OAuthClientRequest, _ clientID: String, _ clientSecret: String?) async throws
        -> OAuthClientRequest

    struct State: Sendable {
        var token: Token?
        var metadata: AuthorizationServerMetadata
        var hooks = ComplianceHooks()
        var clientAuthHandlers: [ClientAuthMethod: ClientAuthHandler] = [:]
        var lastGrantType: GrantType?
        var lastTokenURL: String?
        var refreshTask: Task<Token, any Error>?
    }

    /// The client identifier (RFC 6749 §2.2).
    public let clientID: String
    /// The client secret, for confidential clients.
    public let clientSecret: String?
    /// How the client authenticates at the token endpoint. Default: `client_secret_basic` with a
    /// secret, `none` without (Authlib's).
    public let tokenEndpointAuthMethod: ClientAuthMethod
    /// How the client authenticates at the revocation endpoint. Default: as ``tokenEndpointAuthMethod``.
    public let revocationEndpointAuthMethod: ClientAuthMethod
    /// The default `scope` of authorization and password / client-credentials requests.
    public let scope: String?
    /// The default `redirect_uri`.
    public let redirectURI: String?
    /// Seconds before expiry at which a token already counts as expired and is refreshed. Default 60.
    public let leeway: Int
    /// Called after every refresh with the new token.
    public let updateToken: UpdateToken?

    let transport: HTTPTransport
    let state: LockedValue<State>

    /// Creates a session.
    ///
    /// - Parameters:
    ///   - clientID: the client identifier.
    ///   - clientSecret: the client secret; `nil` for a public client.
    ///   - tokenEndpointAuthMethod: `client_secret_basic`, `client_secret_post`, `none` or a registered
    ///     method. Default: basic with a secret, `none` without.
    ///   - revocationEndpointAuthMethod: the same for the revocation endpoint. Default: the token endpoint's.
    ///   - scope: the default scope.
    ///   - redirectURI: the default redirect URI.
    ///   - token: a token from an earlier login, if any.
    ///   - authorizationEndpoint: the authorization endpoint URL, unless discovered.
    ///   - tokenEndpoint: the token endpoint URL, unless discovered.
    ///   - revocationEndpoint: the revocation endpoint URL, unless discovered.
    ///   - leeway: seconds of early expiry for the automatic refresh. Default 60.
    ///   - httpClient: the AsyncHTTPClient client. Default `HTTPClient.shared`.
    ///   - timeout: the deadline of each HTTP exchange; AsyncHTTPClient keeps retrying a refused
    ///     connection until it, so an unreachable provider fails after this long. Default 30 s.
    ///   - maxResponseSize: the largest answer read, in bytes. Default 4 MiB.
    ///   - updateToken: called after every refresh with the new token.
    public init(
        clientID: String,
        clientSecret: String? = nil,
        tokenEndpointAuthMethod: ClientAuthMethod? = nil,
        revocationEndpointAuthMethod: ClientAuthMethod? = nil,
        scope: String? = nil,
        redirectURI: String? = nil,
        token: Token? = nil,
        authorizationEndpoint: String? = nil,
        tokenEndpoint: String? = nil,
        revocationEndpoint: String? = nil,
        leeway: Int = 60,
        httpClient: HTTPClient = .shared,
        timeout: Duration = .seconds(30),
        maxResponseSize: Int = 4 << 20,
        updateToken: UpdateToken? = nil
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        let defaultMethod: ClientAuthMethod = (clientSecret?.isEmpty ?? true) ? .none : .clientSecretBasic
        self.tokenEndpointAuthMethod = tokenEndpointAuthMethod ?? defaultMethod
        self.revocationEndpointAuthMethod = revocationEndpointAuthMethod ?? tokenEndpointAuthMethod ?? defaultMethod
        self.scope = scope
        self.redirectURI = redirectURI
        self.leeway = leeway
        self.updateToken = updateToken
        self.transport = HTTPTransport(client: httpClient, timeout: timeout, maxResponseSize: maxResponseSize)
        var metadata = AuthorizationServerMetadata()
        if let authorizationEndpoint { metadata["authorization_endpoint"] = .string(authorizationEndpoint) }
        if let tokenEndpoint { metadata["token_endpoint"] = .string(tokenEndpoint) }
        if let revocationEndpoint { metadata["revocation_endpoint"] = .string(revocationEndpoint) }
        self.state = LockedValue(State(token: token, metadata: metadata))
    }

    /// The current token: set by every successful token request or refresh, or by ``setToken(_:)``.
    public var token: Token? { state.withLock { $0.token } }

    /// Replaces the current token (say, one loaded from the application's store).
    ///
    /// - Parameter token: the token, or `nil` to forget it.
    public func setToken(_ token: Token?) {
        state.withLock { $0.token = token }
    }

    /// The provider's endpoints and capabilities: those given at creation, filled by discovery.
    public var metadata: AuthorizationServerMetadata {
        get { state.withLock { $0.metadata } }
        set { state.withLock { $0.metadata = newValue } }
    }

    /// Registers a compliance hook on outgoing requests (Authlib's `register_compliance_hook`).
    ///
    /// - Parameters:
    ///   - stage: `accessTokenRequest`, `refreshTokenRequest`, `protectedRequest` or `revokeTokenRequest`.
    ///   - hook: gets the request about to be sent, client authentication and bearer token included, and
    ///     returns the one to send.
    public func registerComplianceHook(
        _ stage: ComplianceHooks.RequestStage,
        _ hook: @escaping ComplianceHooks.RequestHook
    ) {
        state.withLock { $0.hooks.register(stage, hook) }
    }

    /// Registers a compliance hook on token endpoint answers (Authlib's `register_compliance_hook`).
    ///
    /// - Parameters:
    ///   - stage: `accessTokenResponse` or `refreshTokenResponse`.
    ///   - hook: gets the provider's answer before it is parsed and returns the one to parse.
    public func registerComplianceHook(
        _ stage: ComplianceHooks.ResponseStage,
        _ hook: @escaping ComplianceHooks.ResponseHook
    ) {
        state.withLock { $0.hooks.register(stage, hook) }
    }

    /// Adds or replaces a client authentication method (Authlib's `register_client_auth_method`), for
    /// methods such as `private_key_jwt` (RFC 7523).
    ///
    /// - Parameters:
    ///   - method: the method name, as passed to `tokenEndpointAuthMethod`.
    ///   - handler: adds the credentials to a form-encoded token-endpoint request.
    public func registerClientAuthMethod(_ method: ClientAuthMethod, _ handler: @escaping ClientAuthHandler) {
        state.withLock { $0.clientAuthHandlers[method] = handler }
    }

    var hooks: ComplianceHooks { state.withLock { $0.hooks } }

    // MARK: - Authorization request (RFC 6749 §4.1.1)

    /// Builds the authorization URL of the authorization code flow, with a fresh `state` and, by
    /// default, a PKCE S256 challenge (RFC 6749 §4.1.1, RFC 7636 §4.3).
    ///
    /// Keep the returned ``OAuth2AuthorizationRequest/state``, ``OAuth2AuthorizationRequest/codeVerifier``
    /// and ``OAuth2AuthorizationRequest/nonce`` on the server, bound to the user's session, never in a
    /// client-readable cookie.
    ///
    /// - Parameters:
    ///   - url: the authorization endpoint. Default: the session's ``metadata``.
    ///   - redirectURI: `redirect_uri`. Default: the session's.
    ///   - scope: `scope`. Default: the session's.
    ///   - state: `state`; a random 30-character value when `nil`.
    ///   - codeChallengeMethod: the PKCE method; `nil` sends no challenge. Default S256.
    ///   - codeVerifier: the PKCE verifier; random (48 unreserved characters, RFC 7636 §4.1) when `nil`.
    ///   - nonce: the OpenID Connect `nonce`; generated when `nil` and the scope contains `openid`.
    ///   - extraParameters: more query parameters (`prompt`, `login_hint`, `response_mode`, ...).
    /// - Returns: the URL and the values to keep.
    /// - Throws: ``OAuthClientError`` `invalid_configuration` when no authorization endpoint is known.
    public func createAuthorizationURL(
        _ url: String? = nil,
        redirectURI: String? = nil,
        scope: String? = nil,
        state: String? = nil,
        codeChallengeMethod: CodeChallengeMethod? = .s256,
        codeVerifier: String? = nil,
        nonce: String? = nil,
        extraParameters: Parameters = [:]
    ) throws(OAuthClientError) -> OAuth2AuthorizationRequest {
        guard let endpoint = url ?? metadata.authorizationEndpoint else {
            throw OAuthClientError(.invalidConfiguration, message: "no authorization endpoint is configured")
        }
        let state = state ?? TokenGenerator.generate(length: 30)
        let redirectURI = redirectURI ?? self.redirectURI
        let scope = scope ?? self.scope
        var parameters: Parameters = ["response_type": "code", "client_id": clientID]
        if let redirectURI { parameters.append("redirect_uri", redirectURI) }
        if let scope { parameters.append("scope", scope) }
        parameters.append("state", state)

        var verifier: String?
        if let codeChallengeMethod {
            let value = codeVerifier ?? TokenGenerator.generate(length: 48, alphabet: TokenGenerator.unreserved)
            guard CodeChallenge.isWellFormed(value) else {
                throw OAuthClientError(
                    .invalidConfiguration,
                    message: "a code_verifier must be 43-128 unreserved characters (RFC 7636 §4.1)"
                )
            }
            parameters.append("code_challenge", CodeChallenge.challenge(for: value, method: codeChallengeMethod))
            parameters.append("code_challenge_method", codeChallengeMethod.rawValue)
            verifier = value
        }
        let wantsNonce = scope?.split(separator: " ").contains("openid") ?? false
        let nonce = nonce ?? (wantsNonce ? TokenGenerator.generate(length: 20) : nil)
        if let nonce { parameters.append("nonce", nonce) }
        for pair in extraParameters.pairs { parameters.set(pair.name, pair.value) }
        return OAuth2AuthorizationRequest(
            url: CallbackParameters.appending(parameters, to: endpoint),
            state: state,
            codeVerifier: verifier,
            nonce: nonce,
            redirectURI: redirectURI
        )
    }

    /// Checks an authorization callback and returns its code (RFC 6749 §4.1.2).
    ///
    /// In order: an `error` parameter (RFC 6749 §4.1.2.1, say `access_denied`) becomes a
    /// `provider_error` carrying it; a missing or different `state` is a `state_mismatch` (compared in
    /// constant time, RFC 6749 §10.12); an `iss` that differs from the expected issuer, or a missing one
    /// when the provider advertises RFC 9207, is an `issuer_mismatch` (RFC 9207 §2.4); no `code` is a
    /// `missing_parameter`.
    ///
    /// - Parameters:
    ///   - urlOrQuery: the callback URL, or its query string.
    ///   - state: the `state` that was sent.
    ///   - issuer: the expected issuer. Default: the discovered ``metadata`` issuer.
    /// - Returns: the code with the returned state and issuer.
    /// - Throws: ``OAuthClientError`` as above.
    public func parseAuthorizationResponse(
        _ urlOrQuery: String,
        state: String,
        issuer: String? = nil
    ) throws(OAuthClientError) -> OAuth2AuthorizationResponse {
        let parameters = try CallbackParameters.parse(urlOrQuery)
        if let error = parameters["error"] {
            var fields = parameters.firstValues
            fields["error"] = error
            throw .provider(fields, status: nil, context: "authorization callback")
        }
        guard let returned = parameters["state"], ConstantTimeComparison.isEqual(returned, state) else {
            throw OAuthClientError(.stateMismatch, message: "the callback's state does not match the one sent")
        }
        let metadata = self.metadata
        let expectedIssuer = issuer ?? metadata.issuer
        let returnedIssuer = parameters["iss"]
        if let expectedIssuer {
            if let returnedIssuer {
                guard returnedIssuer == expectedIssuer else {
                    throw OAuthClientError(
                        .issuerMismatch,
                        message: "the callback's iss \"\(returnedIssuer)\" is not \"\(expectedIssuer)\""
                    )
                }
            } else if metadata.authorizationResponseIssParameterSupported {
                throw OAuthClientError(.issuerMismatch, message: "the provider sends iss (RFC 9207) but the callback has none")
            }
        }
        guard let code = parameters["code"], !code.isEmpty else {
            throw OAuthClientError(.missingParameter, message: "the callback has no code")
        }
        return OAuth2AuthorizationResponse(code: code, state: returned, issuer: returnedIssuer, parameters: parameters)
    }
}
