import GatehouseCommon
public import GatehouseOperations
public import Logging

/// The OAuth 1.0 authorization server of RFC 5849 §2, free of any HTTP framework: it takes an
/// ``OAuth1Request`` value and answers an ``OAuth1Response`` value.
///
/// Three endpoints make the redirection-based flow:
/// 1. ``createTemporaryCredentialsResponse(_:)`` — temporary credentials (§2.1);
/// 2. ``checkAuthorizationRequest(_:)`` then ``createAuthorizationResponse(_:grantUser:)`` — resource owner
///    authorization (§2.2);
/// 3. ``createTokenResponse(_:)`` — token credentials (§2.3).
///
/// Protocol errors are rendered as responses (400/401 with a form or JSON body naming the error and
/// `WWW-Authenticate: OAuth realm=...` on 401); failing hooks become a 500 `server_error`, their
/// details logged only.
///
/// ```swift
/// let server = OAuth1AuthorizationServer(
///     hooks: Hooks(store: store),
///     configuration: .init(supportedSignatureMethods: [.hmacSHA1, .rsaSHA1], realm: "Photos"))
/// server.registerSignatureMethod(SignatureMethod("HMAC-SHA256"), HMACSignatureAlgorithm<SHA256>())
/// let response = await server.createTemporaryCredentialsResponse(request)
/// ```
public final class OAuth1AuthorizationServer: Sendable {
    private struct State: Sendable {
        var configuration: Configuration
        var hooks: any OAuth1AuthorizationServerHooks
        var signatureMethods: SignatureMethodRegistry
        var logger: Logger
    }

    /// Set up, then frozen before the first request (``freeze()``): requests take no lock.
    private let state: SetupState<State>

    /// The settings (signature methods, timestamp window, generators, transport, realm).
    public var configuration: Configuration {
        get { state.read { $0.configuration } }
        set { state.update("change the configuration") { $0.configuration = newValue } }
    }

    /// The storage hooks. Settable after creation, so a server made before the app can be
    /// completed by `initApp`; until then every endpoint answers `server_error`.
    public var hooks: any OAuth1AuthorizationServerHooks {
        get { state.read { $0.hooks } }
        set { state.update("replace the hooks") { $0.hooks = newValue } }
    }

    /// The algorithms behind each signature method name; this server's own registry.
    public var signatureMethods: SignatureMethodRegistry {
        get { state.read { $0.signatureMethods } }
        set { state.update("replace the signature methods") { $0.signatureMethods = newValue } }
    }

    /// Token credentials issued and errors by code, made from `MetricsSystem.factory` when the
    /// server is created (see ``/GatehouseOperations/OAuthMetrics``).
    public let metrics = OAuthMetrics(.oauth1)

    /// Where hook failures are logged.
    public var logger: Logger {
        get { state.read { $0.logger } }
        set { state.update("replace the logger") { $0.logger = newValue } }
    }

    /// Creates a server.
    ///
    /// - Parameters:
    ///   - hooks: the storage hooks; omit them to supply them later (`initApp`).
    ///   - configuration: the settings; secure defaults.
    ///   - signatureMethods: the algorithms available (default HMAC-SHA1, RSA-SHA1, PLAINTEXT); which are
    ///     accepted is ``Configuration/supportedSignatureMethods``.
    ///   - logger: where hook failures are logged.
    public init(
        hooks: any OAuth1AuthorizationServerHooks = UnconfiguredOAuth1Hooks(),
        configuration: Configuration = Configuration(),
        signatureMethods: SignatureMethodRegistry = .standard,
        logger: Logger = Logger(label: "gatehouse.oauth1.server")
    ) {
        state = SetupState(
            State(configuration: configuration, hooks: hooks, signatureMethods: signatureMethods, logger: logger),
            owner: "OAuth1AuthorizationServer"
        )
    }

    /// Adds a signature method to this server's registry (Authlib's `register_signature_method`, but per
    /// instance). List it in ``Configuration/supportedSignatureMethods`` too for the server to accept it.
    ///
    /// - Parameters:
    ///   - method: the `oauth_signature_method` value.
    ///   - algorithm: how to verify (and sign) it.
    public func registerSignatureMethod(_ method: SignatureMethod, _ algorithm: some SignatureAlgorithm) {
        state.update("register signature method \(method.rawValue)") { $0.signatureMethods.register(method, algorithm) }
    }

    /// Freezes the settings, hooks and signature methods: the app calls it before its first
    /// request (the first request does, at the latest); a later change is a programming error.
    public func freeze() {
        state.freeze()
    }

    var verifier: OAuth1RequestVerifier {
        let frozen = state.snapshot.value
        return OAuth1RequestVerifier(settings: frozen.configuration, signatureMethods: frozen.signatureMethods, logger: frozen.logger)
    }

    /// Renders `error` with this server's realm and body format.
    ///
    /// - Parameter error: the error.
    /// - Returns: the response.
    public func errorResponse(_ error: OAuth1Error) -> OAuth1Response {
        metrics.recordError(error.code.rawValue)
        return error.response(realm: configuration.realm, format: configuration.errorFormat)
    }

    // MARK: - §2.1 Temporary credentials

    /// Validates a temporary credential request and issues a temporary credential (RFC 5849 §2.1).
    ///
    /// The request must be a signed `POST` with `oauth_consumer_key` and `oauth_callback` (an absolute
    /// URI the client registered, or `oob`), over TLS unless insecure transport is allowed. The answer is
    /// `oauth_token=...&oauth_token_secret=...&oauth_callback_confirmed=true`.
    ///
    /// - Parameter request: the parsed request.
    /// - Returns: 200 with the form-encoded credential, or the error response.
    public func createTemporaryCredentialsResponse(_ request: OAuth1Request) async -> OAuth1Response {
        do {
            try await validateTemporaryCredentialsRequest(request)
            let token = configuration.generateToken()
            let secret = configuration.generateTokenSecret()
            let credential = try await verifier.hook("createTemporaryCredential") {
                try await hooks.createTemporaryCredential(request, oauthToken: token, oauthTokenSecret: secret)
            }
            return .form([
                "oauth_token": credential.oauthToken,
                "oauth_token_secret": credential.oauthTokenSecret,
                "oauth_callback_confirmed": "true",
            ])
        } catch {
            return errorResponse(error)
        }
    }

    /// The checks of §2.1, without issuing anything.
    ///
    /// - Throws: ``OAuth1Error`` naming the first failed check.
    public func validateTemporaryCredentialsRequest(_ request: OAuth1Request) async throws(OAuth1Error) {
        let verifier = self.verifier
        try verifier.checkTransport(request)
        guard request.method.uppercased() == "POST" else { throw .methodNotAllowed("use POST") }
        try verifier.checkVersion(request)
        guard let clientID = request.clientID, !clientID.isEmpty else {
            throw .missingParameter("oauth_consumer_key")
        }
        guard let callback = request.callback, !callback.isEmpty else { throw .missingParameter("oauth_callback") }
        guard callback == "oob" || Self.isAbsoluteCallback(callback) else {
            throw .invalidRequest("invalid \"oauth_callback\" value")
        }
        guard let client = try await verifier.hook("getClientByID", { try await hooks.getClientByID(clientID) })
        else { throw .invalidClient() }
        try await verifier.verify(request, client: client, tokenSecret: "") { record in
            try await hooks.existsNonce(record.nonce, request: request)
        }
        guard client.checkCallback(callback) else {
            throw .invalidRequest("\"oauth_callback\" is not registered for this client")
        }
    }

    /// Whether `callback` is an absolute `http`/`https` URI with a host.
    static func isAbsoluteCallback(_ callback: String) -> Bool {
        guard let uri = try? RequestURI(parsing: callback) else { return false }
        return uri.scheme == "http" || uri.scheme == "https"
    }

    // MARK: - §2.2 Resource owner authorization

    /// Validates the request of the resource owner authorization endpoint (RFC 5849 §2.2) and returns
    /// the temporary credential, so the application can show a consent page for its client.
    ///
    /// A credential is authorized at most once: one that a resource owner already approved is refused
    /// (`invalid_token`), so nobody who learns a request token (from a `Referer` or the history) can
    /// approve it again and have the token credential issued for their own account.
    ///
    /// - Parameter request: the user-agent's request, with `oauth_token` (usually in the query).
    /// - Returns: the temporary credential named by `oauth_token`.
    /// - Throws: ``OAuth1Error``: `missing_required_parameter` without `oauth_token`, `invalid_token` for an
    ///   unknown or already authorized one, `insecure_transport`, or `server_error` when a hook fails.
    public func checkAuthorizationRequest(
        _ request: OAuth1Request
    ) async throws(OAuth1Error)
        -> any OAuth1TemporaryCredential
    {
        let verifier = self.verifier
        try verifier.checkTransport(request)
        guard let token = request.token, !token.isEmpty else { throw .missingParameter("oauth_token") }
        guard
            let credential = try await verifier.hook(
                "getTemporaryCredential",
                { try await hooks.getTemporaryCredential(request) }
            )
        else { throw .invalidToken() }
        guard !credential.isAuthorized else { throw .alreadyAuthorized() }
        return credential
    }

    /// Completes the resource owner authorization (RFC 5849 §2.2).
    ///
    /// When `grantUser` is set, a verifier is issued and the user-agent is redirected to the callback
    /// with `oauth_token` and `oauth_verifier` (a credential without a callback uses the client's
    /// ``OAuth1Client/defaultRedirectURI``); with an `oob` callback the answer is a 200 form body with both
    /// values, for the application to display to the resource owner. When `grantUser` is `nil`
    /// the request is denied: a redirect with `error=access_denied`, or a 403 for `oob`.
    ///
    /// - Parameters:
    ///   - request: the request the consent form posted, carrying `oauth_token`.
    ///   - grantUser: the resource owner's identifier, or `nil` to deny.
    /// - Returns: the redirect, the verifier page data, or the error response.
    public func createAuthorizationResponse(_ request: OAuth1Request, grantUser: String?) async -> OAuth1Response {
        do {
            let credential = try await checkAuthorizationRequest(request)
            var callback = credential.redirectURI ?? ""
            if callback.isEmpty {
                let client = try await verifier.hook("getClientByID") {
                    try await hooks.getClientByID(credential.clientID)
                }
                callback = client?.defaultRedirectURI ?? ""
            }
            let target: String? = callback.isEmpty || callback == "oob" ? nil : callback

            guard let grantUser else {
                let denial = OAuth1Error.accessDenied()
                if let target { return .redirect(to: target, adding: denial.bodyParameters) }
                return errorResponse(denial)
            }
            let verifierValue = try await verifier.hook("createAuthorizationVerifier") {
                try await hooks.createAuthorizationVerifier(request, credential: credential, grantUser: grantUser)
            }
            let parameters: Parameters = ["oauth_token": credential.oauthToken, "oauth_verifier": verifierValue]
            if let target { return .redirect(to: target, adding: parameters) }
            return .form(parameters)
        } catch {
            return errorResponse(error)
        }
    }

    // MARK: - §2.3 Token credentials

    /// Validates a token request and exchanges the temporary credential for a token credential
    /// (RFC 5849 §2.3).
    ///
    /// The request must be a signed `POST` with the temporary credential's `oauth_token` and the
    /// `oauth_verifier`. The temporary credential is single use: after the checks, it is consumed
    /// atomically (``OAuth1AuthorizationServerHooks/consumeTemporaryCredential(_:)``) and the token
    /// credential is issued only to the request that consumed it, so concurrent requests with one
    /// verifier get one credential between them. A failed exchange deletes it too, so a verifier can
    /// never be tried twice. The answer is `oauth_token=...&oauth_token_secret=...`.
    ///
    /// - Parameter request: the parsed request.
    /// - Returns: 200 with the form-encoded token credential, or the error response.
    public func createTokenResponse(_ request: OAuth1Request) async -> OAuth1Response {
        var temporaryCredential: (any OAuth1TemporaryCredential)?
        let throttle = configuration.verifierThrottle
        do throws(OAuth1Error) {
            if let wait = try await verifier.hook(
                "throttle",
                { try await throttle.retryAfter(account: request.clientID, address: request.clientAddress) }
            ) {
                return errorResponse(.throttled(retryAfter: wait))
            }
            let checked = try await validateTokenRequest(request, found: &temporaryCredential)
            guard
                let credential = try await verifier.hook(
                    "consumeTemporaryCredential",
                    { try await hooks.consumeTemporaryCredential(request) }
                )
            else { throw OAuth1Error.invalidToken() }
            // The consumed copy is the one that counts: it must still be the credential just checked.
            guard credential.clientID == checked.clientID, let verifierValue = request.verifier,
                credential.checkVerifier(verifierValue)
            else { throw OAuth1Error.invalidVerifier() }
            let token = configuration.generateToken()
            let secret = configuration.generateTokenSecret()
            let tokenCredential = try await verifier.hook("createTokenCredential") {
                try await hooks.createTokenCredential(
                    request,
                    temporaryCredential: credential,
                    oauthToken: token,
                    oauthTokenSecret: secret
                )
            }
            metrics.recordTokenIssued(grantType: "token_credential")
            return .form([
                "oauth_token": tokenCredential.oauthToken, "oauth_token_secret": tokenCredential.oauthTokenSecret,
            ])
        } catch {
            if error.code == .invalidVerifier {
                do { try await throttle.recordFailure(account: request.clientID, address: request.clientAddress) } catch let failure {
                    logger.error("OAuth 1 hook failed", metadata: ["hook": "throttle", "error": .string("\(failure)")])
                }
            }
            if temporaryCredential != nil, error.status < 500 {
                do { try await hooks.deleteTemporaryCredential(request) } catch let deletion {
                    logger.error(
                        "OAuth 1 hook failed",
                        metadata: ["hook": "deleteTemporaryCredential", "error": .string("\(deletion)")]
                    )
                }
            }
            return errorResponse(error)
        }
    }

    /// The checks of §2.3, without issuing anything or deleting the temporary credential.
    ///
    /// - Returns: the authorized temporary credential.
    /// - Throws: ``OAuth1Error`` naming the first failed check.
    public func validateTokenRequest(
        _ request: OAuth1Request
    ) async throws(OAuth1Error)
        -> any OAuth1TemporaryCredential
    {
        var found: (any OAuth1TemporaryCredential)?
        return try await validateTokenRequest(request, found: &found)
    }

    func validateTokenRequest(
        _ request: OAuth1Request,
        found: inout (any OAuth1TemporaryCredential)?
    )
        async throws(OAuth1Error) -> any OAuth1TemporaryCredential
    {
        let verifier = self.verifier
        try verifier.checkTransport(request)
        guard request.method.uppercased() == "POST" else { throw .methodNotAllowed("use POST") }
        try verifier.checkVersion(request)
        guard let clientID = request.clientID, !clientID.isEmpty else {
            throw .missingParameter("oauth_consumer_key")
        }
        guard let client = try await verifier.hook("getClientByID", { try await hooks.getClientByID(clientID) })
        else { throw .invalidClient() }
        guard let token = request.token, !token.isEmpty else { throw .missingParameter("oauth_token") }
        guard
            let credential = try await verifier.hook(
                "getTemporaryCredential",
                { try await hooks.getTemporaryCredential(request) }
            )
        else { throw .invalidToken() }
        found = credential
        guard credential.clientID == client.clientID else { throw .invalidToken() }
        guard let verifierValue = request.verifier, !verifierValue.isEmpty else {
            throw .missingParameter("oauth_verifier")
        }
        try await verifier.verify(request, client: client, tokenSecret: credential.oauthTokenSecret) { record in
            try await hooks.existsNonce(record.nonce, request: request)
        }
        guard credential.checkVerifier(verifierValue) else { throw .invalidVerifier() }
        return credential
    }
}
