public import AsyncHTTPClient
public import GatehouseCommon
public import OAuth1

/// An OAuth 1.0 client session (RFC 5849; Authlib's `OAuth1Session`), free of any server framework:
/// the three-legged flow (temporary credentials, resource owner authorization, token credentials)
/// and signed requests to protected resources.
///
/// Requests are signed with the OAuth 1 core's ``/OAuth1/SignatureMethodRegistry`` (HMAC-SHA1, RSA-SHA1,
/// PLAINTEXT, or any method registered), and the protocol parameters travel in the `Authorization`
/// header, the form body or the query (RFC 5849 §3.5). The session is a `Sendable` reference holding
/// the current credentials.
///
/// ```swift
/// let session = OAuth1Session(clientID: "key", clientSecret: "secret")
/// let temporary = try await session.fetchRequestToken(url: "https://api.example.com/oauth/request_token",
///                                                     callbackURI: "https://app.example/callback")
/// // keep `temporary` server-side, then redirect to:
/// let url = try session.createAuthorizationURL("https://api.example.com/oauth/authorize")
/// // on the callback:
/// let callback = try session.parseAuthorizationResponse(callbackURL)
/// let token = try await session.fetchAccessToken(url: "https://api.example.com/oauth/access_token",
///                                                verifier: callback.verifier)
/// let me = try await session.request(.GET, "https://api.example.com/1.1/account/verify_credentials.json")
/// ```
public final class OAuth1Session: Sendable {
    struct State: Sendable {
        var token: OAuth1Token?
        var verifier: String?
        var hooks = ComplianceHooks()
    }

    /// `oauth_consumer_key`: the client identifier.
    public let clientID: String
    /// The client shared-secret (`""` for RSA-SHA1 clients without one).
    public let clientSecret: String
    /// The signature method. Default HMAC-SHA1.
    public let signatureMethod: SignatureMethod
    /// Where the protocol parameters go (RFC 5849 §3.5). Default: the `Authorization` header.
    public let signaturePlacement: OAuth1Request.ParameterLocation
    /// The client's RSA private key in PEM, for RSA-SHA1.
    public let rsaPrivateKey: String?
    /// The default `oauth_callback`. Default `oob` when `nil`.
    public let callbackURI: String?
    /// The `realm` of the `Authorization` header, if any.
    public let realm: String?
    /// The algorithms available for signing.
    public let signatureMethods: SignatureMethodRegistry

    let transport: HTTPTransport
    let state: LockedValue<State>

    /// Creates a session.
    ///
    /// - Parameters:
    ///   - clientID: the client identifier.
    ///   - clientSecret: the client shared-secret.
    ///   - signatureMethod: `.hmacSHA1` (default), `.rsaSHA1` (with `rsaPrivateKey`), `.plaintext` (TLS only),
    ///     or one registered in `signatureMethods`.
    ///   - signaturePlacement: header (default), body or query.
    ///   - rsaPrivateKey: the client's RSA private key (PEM, PKCS#8 or PKCS#1), for RSA-SHA1.
    ///   - token: credentials from an earlier login, if any.
    ///   - callbackURI: the default `oauth_callback`.
    ///   - realm: the `realm` of the `Authorization` header.
    ///   - signatureMethods: the algorithms. Default the RFC's three.
    ///   - httpClient: the AsyncHTTPClient client. Default `HTTPClient.shared`.
    ///   - timeout: the deadline of each HTTP exchange; AsyncHTTPClient keeps retrying a refused
    ///     connection until it, so an unreachable provider fails after this long. Default 30 s.
    ///   - maxResponseSize: the largest answer read, in bytes. Default 4 MiB.
    public init(
        clientID: String,
        clientSecret: String = "",
        signatureMethod: SignatureMethod = .hmacSHA1,
        signaturePlacement: OAuth1Request.ParameterLocation = .header,
        rsaPrivateKey: String? = nil,
        token: OAuth1Token? = nil,
        callbackURI: String? = nil,
        realm: String? = nil,
        signatureMethods: SignatureMethodRegistry = .standard,
        httpClient: HTTPClient = .shared,
        timeout: Duration = .seconds(30),
        maxResponseSize: Int = 4 << 20
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.signatureMethod = signatureMethod
        self.signaturePlacement = signaturePlacement
        self.rsaPrivateKey = rsaPrivateKey
        self.callbackURI = callbackURI
        self.realm = realm
        self.signatureMethods = signatureMethods
        self.transport = HTTPTransport(client: httpClient, timeout: timeout, maxResponseSize: maxResponseSize)
        self.state = LockedValue(State(token: token))
    }

    /// The current credentials: the temporary credential during the flow, the token credential after it.
    public var token: OAuth1Token? { state.withLock { $0.token } }

    /// Replaces the current credentials (say, a token credential loaded from the application's store,
    /// or the temporary credential kept between the redirect and the callback).
    ///
    /// - Parameter token: the credentials, or `nil` to forget them.
    public func setToken(_ token: OAuth1Token?) {
        state.withLock {
            $0.token = token
            $0.verifier = nil
        }
    }

    /// Registers a compliance hook on outgoing requests (Authlib's `register_compliance_hook`).
    ///
    /// OAuth 1 hooks run before signing, so whatever they change is signed.
    ///
    /// - Parameters:
    ///   - stage: `requestTokenRequest`, `accessTokenRequest` or `protectedRequest`.
    ///   - hook: gets the unsigned request and returns the one to sign and send.
    public func registerComplianceHook(
        _ stage: ComplianceHooks.RequestStage,
        _ hook: @escaping ComplianceHooks.RequestHook
    ) {
        state.withLock { $0.hooks.register(stage, hook) }
    }

    /// Registers a compliance hook on credential answers.
    ///
    /// - Parameters:
    ///   - stage: `requestTokenResponse` or `accessTokenResponse`.
    ///   - hook: gets the provider's answer before it is parsed and returns the one to parse.
    public func registerComplianceHook(
        _ stage: ComplianceHooks.ResponseStage,
        _ hook: @escaping ComplianceHooks.ResponseHook
    ) {
        state.withLock { $0.hooks.register(stage, hook) }
    }

    var hooks: ComplianceHooks { state.withLock { $0.hooks } }

    // MARK: - §2.1 Temporary credentials

    /// Gets a temporary credential (RFC 5849 §2.1): a signed `POST` with `oauth_callback`.
    ///
    /// - Parameters:
    ///   - url: the temporary credential request endpoint.
    ///   - callbackURI: `oauth_callback`. Default: the session's, else `oob`.
    ///   - extraParameters: more form fields, signed with the request (Authlib's `request_token_params`).
    /// - Returns: the temporary credential, also kept as the session's ``token``.
    /// - Throws: ``OAuthClientError``: `provider_error` for an error answer, `unexpected_status`,
    ///   `malformed_response` without `oauth_token`/`oauth_token_secret`, `connection_failed`,
    ///   `signature_failed`, `hook_failed`.
    @discardableResult
    public func fetchRequestToken(
        url: String,
        callbackURI: String? = nil,
        extraParameters: Parameters = [:]
    ) async throws(OAuthClientError) -> OAuth1Token {
        var request = OAuthClientRequest(method: .post, url: url)
        if !extraParameters.isEmpty { request.setForm(extraParameters) }
        let hooks = self.hooks
        request = try await hooks.apply(.requestTokenRequest, to: request)
        let signed = try sign(
            request,
            token: nil,
            protocolParameters: ["oauth_callback": callbackURI ?? self.callbackURI ?? "oob"]
        )
        let response = try await hooks.apply(.requestTokenResponse, to: transport.send(signed))
        let token = try Self.parseCredentials(response, context: "temporary credential request")
        state.withLock {
            $0.token = token
            $0.verifier = nil
        }
        return token
    }

    // MARK: - §2.2 Resource owner authorization

    /// The URL to send the resource owner to (RFC 5849 §2.2): the authorization endpoint with `oauth_token`.
    ///
    /// - Parameters:
    ///   - url: the resource owner authorization endpoint.
    ///   - requestToken: the temporary credential identifier. Default: the session's.
    ///   - extraParameters: more query parameters.
    /// - Returns: the URL.
    /// - Throws: ``OAuthClientError`` `missing_token` without a temporary credential.
    public func createAuthorizationURL(
        _ url: String,
        requestToken: String? = nil,
        extraParameters: Parameters = [:]
    ) throws(OAuthClientError) -> String {
        guard let requestToken = requestToken ?? token?.oauthToken else {
            throw OAuthClientError(.missingToken, message: "there is no temporary credential; fetch a request token first")
        }
        var parameters: Parameters = ["oauth_token": requestToken]
        parameters.pairs.append(contentsOf: extraParameters.pairs)
        return CallbackParameters.appending(parameters, to: url)
    }

    /// Reads the authorization callback (RFC 5849 §2.2) and keeps its verifier for
    /// ``fetchAccessToken(url:verifier:)``.
    ///
    /// An `error` parameter (`access_denied`) becomes a `provider_error` carrying it. When the session
    /// holds a temporary credential, the callback's `oauth_token` must be it (`state_mismatch` otherwise,
    /// compared in constant time), which binds the callback to the flow that started it.
    ///
    /// - Parameter urlOrQuery: the callback URL, or its query string.
    /// - Returns: `oauth_token` and `oauth_verifier`.
    /// - Throws: ``OAuthClientError``: `provider_error`, `missing_parameter`, `state_mismatch`.
    @discardableResult
    public func parseAuthorizationResponse(_ urlOrQuery: String) throws(OAuthClientError) -> OAuth1AuthorizationResponse {
        let parameters = try CallbackParameters.parse(urlOrQuery)
        if let error = parameters["error"] {
            var fields = parameters.firstValues
            fields["error"] = error
            throw .provider(fields, status: nil, context: "authorization callback")
        }
        guard let oauthToken = parameters["oauth_token"], !oauthToken.isEmpty else {
            throw OAuthClientError(.missingParameter, message: "the callback has no oauth_token")
        }
        guard let verifier = parameters["oauth_verifier"], !verifier.isEmpty else {
            throw OAuthClientError(.missingParameter, message: "the callback has no oauth_verifier")
        }
        let matches = state.withLock { state in
            if let current = state.token?.oauthToken, !ConstantTimeComparison.isEqual(current, oauthToken) { return false }
            state.verifier = verifier
            return true
        }
        guard matches else {
            throw OAuthClientError(.stateMismatch, message: "the callback's oauth_token is not the temporary credential of this flow")
        }
        return OAuth1AuthorizationResponse(oauthToken: oauthToken, verifier: verifier, parameters: parameters)
    }

    // MARK: - §2.3 Token credentials

    /// Exchanges the temporary credential and verifier for token credentials (RFC 5849 §2.3).
    ///
    /// - Parameters:
    ///   - url: the token request endpoint.
    ///   - verifier: `oauth_verifier`. Default: the one kept by ``parseAuthorizationResponse(_:)``.
    /// - Returns: the token credential, also kept as the session's ``token``.
    /// - Throws: ``OAuthClientError``: `missing_token` without a temporary credential, `missing_parameter`
    ///   without a verifier, and as ``fetchRequestToken(url:callbackURI:extraParameters:)``.
    @discardableResult
    public func fetchAccessToken(url: String, verifier: String? = nil) async throws(OAuthClientError) -> OAuth1Token {
        let (temporary, kept) = state.withLock { ($0.token, $0.verifier) }
        guard let temporary else {
            throw OAuthClientError(.missingToken, message: "there is no temporary credential; fetch a request token first")
        }
        guard let verifier = verifier ?? kept else {
            throw OAuthClientError(.missingParameter, message: "there is no oauth_verifier")
        }
        let hooks = self.hooks
        let request = try await hooks.apply(.accessTokenRequest, to: OAuthClientRequest(method: .post, url: url))
        let signed = try sign(request, token: temporary, protocolParameters: ["oauth_verifier": verifier])
        let response = try await hooks.apply(.accessTokenResponse, to: transport.send(signed))
        let token = try Self.parseCredentials(response, context: "token credential request")
        state.withLock {
            $0.token = token
            $0.verifier = nil
        }
        return token
    }

    /// Reads a credentials answer, or the provider's error.
    static func parseCredentials(_ response: OAuthClientResponse, context: String) throws(OAuthClientError) -> OAuth1Token {
        // RFC 5849 answers are form encoded, whatever Content-Type some providers label them with.
        let fields: [String: String]? =
            response.mediaType == "application/json"
            ? response.jsonObject.map(OAuth2Session.stringFields)
            : (try? FormURLEncoding.decode(bytes: response.body))?.firstValues
        guard response.isSuccess else {
            if let fields, fields["error"] != nil { throw .provider(fields, status: response.status, context: context) }
            throw OAuth2Session.unexpectedStatus(response, context: context)
        }
        guard let fields else {
            throw OAuthClientError(
                .malformedResponse,
                message: "\(context): the answer is not form encoded",
                status: response.status
            )
        }
        do { return try OAuth1Token(parameters: Parameters(fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })) } catch {
            throw OAuthClientError(.malformedResponse, message: "\(context): \(error.message)", status: response.status)
        }
    }
}
