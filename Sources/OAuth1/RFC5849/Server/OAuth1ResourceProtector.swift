import GatehouseCommon
public import GatehouseOperations
public import Logging

/// Verifies OAuth 1 requests to protected resources (RFC 5849 §3), free of any HTTP framework.
///
/// A request must carry the client's `oauth_consumer_key`, a token credential's `oauth_token`, a
/// supported signature method, a timestamp inside the window, a fresh nonce and a valid signature.
/// A request with no OAuth parameters, or with an `Authorization` header of another scheme
/// (`Bearer ...`), is refused with 401 and `WWW-Authenticate: OAuth realm="..."`.
///
/// ```swift
/// let protector = OAuth1ResourceProtector(
///     queryClient: { id in try await store.client(id) },
///     queryToken: { clientID, token in try await store.token(clientID, token) },
///     existsNonce: createExistsNonceFunc(NonceTable()))   // one process; several: a shared store
/// do {
///     let authorized = try await protector.validateRequest(request)
///     // authorized.credential.userID
/// } catch {
///     return protector.errorResponse(error)
/// }
/// ```
public final class OAuth1ResourceProtector: Sendable {
    private struct State: Sendable {
        var configuration: Configuration
        var hooks: any OAuth1ResourceProtectorHooks
        var signatureMethods: SignatureMethodRegistry
        var logger: Logger
        /// Made from the three above when the protector freezes, not on every request.
        var verifier: OAuth1RequestVerifier

        init(
            configuration: Configuration,
            hooks: any OAuth1ResourceProtectorHooks,
            signatureMethods: SignatureMethodRegistry,
            logger: Logger
        ) {
            self.configuration = configuration
            self.hooks = hooks
            self.signatureMethods = signatureMethods
            self.logger = logger
            self.verifier = OAuth1RequestVerifier(settings: configuration, signatureMethods: signatureMethods, logger: logger)
        }
    }

    /// Set up, then frozen before the first request (``freeze()``): requests take no lock.
    private let state: SetupState<State>

    /// Guard decisions (allowed, or denied by error code), made from `MetricsSystem.factory` when
    /// the protector is created (see ``/GatehouseOperations/OAuthMetrics``).
    public let metrics = OAuthMetrics(.oauth1)

    /// The settings.
    public var configuration: Configuration {
        get { state.read { $0.configuration } }
        set { state.update("change the configuration") { $0.configuration = newValue } }
    }

    /// The lookups. Settable after creation, so a protector made before the app can be completed
    /// by `initApp`; until then every request is refused with `server_error`.
    public var hooks: any OAuth1ResourceProtectorHooks {
        get { state.read { $0.hooks } }
        set { state.update("replace the hooks") { $0.hooks = newValue } }
    }

    /// This protector's signature algorithms.
    public var signatureMethods: SignatureMethodRegistry {
        get { state.read { $0.signatureMethods } }
        set { state.update("replace the signature methods") { $0.signatureMethods = newValue } }
    }

    /// Where hook failures are logged.
    public var logger: Logger {
        get { state.read { $0.logger } }
        set { state.update("replace the logger") { $0.logger = newValue } }
    }

    /// Creates a protector from hooks.
    ///
    /// - Parameters:
    ///   - hooks: the client, token and nonce lookups; omit them to supply them later (`initApp`).
    ///   - configuration: the settings.
    ///   - signatureMethods: the algorithms available (default the RFC's three).
    ///   - logger: where hook failures are logged.
    public init(
        hooks: any OAuth1ResourceProtectorHooks = UnconfiguredOAuth1Hooks(),
        configuration: Configuration = Configuration(),
        signatureMethods: SignatureMethodRegistry = .standard,
        logger: Logger = Logger(label: "gatehouse.oauth1.resource")
    ) {
        state = SetupState(
            State(configuration: configuration, hooks: hooks, signatureMethods: signatureMethods, logger: logger),
            owner: "OAuth1ResourceProtector"
        )
    }

    /// Creates a protector from the seed's three functions (`query_client`, `query_token`, `exists_nonce`).
    ///
    /// - Parameters:
    ///   - queryClient: the client for a client identifier.
    ///   - queryToken: the token credential for `(clientID, oauthToken)`.
    ///   - existsNonce: replay detection; see ``createExistsNonceFunc(_:keyPrefix:expires:)``.
    ///   - configuration: the settings.
    ///   - signatureMethods: the algorithms available.
    ///   - logger: where hook failures are logged.
    public convenience init(
        queryClient: @escaping @Sendable (String) async throws -> (any OAuth1Client)?,
        queryToken: @escaping @Sendable (_ clientID: String, _ token: String) async throws -> (any OAuth1TokenCredential)?,
        existsNonce: @escaping ExistsNonceFunction,
        configuration: Configuration = Configuration(),
        signatureMethods: SignatureMethodRegistry = .standard,
        logger: Logger = Logger(label: "gatehouse.oauth1.resource")
    ) {
        self.init(
            hooks: ClosureResourceProtectorHooks(
                queryClient: queryClient,
                queryToken: queryToken,
                existsNonceFunction: existsNonce
            ),
            configuration: configuration,
            signatureMethods: signatureMethods,
            logger: logger
        )
    }

    /// Adds a signature method to this protector's registry; list it in
    /// ``Configuration/supportedSignatureMethods`` too.
    public func registerSignatureMethod(_ method: SignatureMethod, _ algorithm: some SignatureAlgorithm) {
        state.update("register signature method \(method.rawValue)") { $0.signatureMethods.register(method, algorithm) }
    }

    /// Freezes the settings, hooks and signature methods: the app calls it before its first
    /// request (the first request does, at the latest); a later change is a programming error.
    public func freeze() {
        state.freeze { state in
            state.verifier = OAuth1RequestVerifier(
                settings: state.configuration,
                signatureMethods: state.signatureMethods,
                logger: state.logger
            )
        }
    }

    /// The frozen state, freezing first if needed.
    private var frozen: SetupState<State>.Snapshot {
        if let snapshot = state.frozenSnapshot { return snapshot }
        freeze()
        return state.snapshot
    }

    /// Verifies a request to a protected resource (RFC 5849 §3).
    ///
    /// - Parameter request: the parsed request.
    /// - Returns: the request with its client and token credential.
    /// - Throws: ``OAuth1Error``: 401 when the request carries no OAuth credentials or another
    ///   authorization scheme, 400 for missing, duplicated or unsupported parameters, 401 for an unknown
    ///   client or token, a bad signature, a stale timestamp or a replayed nonce, 500 when a hook fails.
    public func validateRequest(_ request: OAuth1Request) async throws(OAuth1Error) -> OAuth1AuthorizedRequest {
        do throws(OAuth1Error) {
            let authorized = try await authorizeRequest(request)
            metrics.recordGuardAllowed()
            return authorized
        } catch {
            metrics.recordGuardDenied(error: error.code.rawValue)
            throw error
        }
    }

    /// The checks of ``validateRequest(_:)``, before the decision is counted.
    private func authorizeRequest(_ request: OAuth1Request) async throws(OAuth1Error) -> OAuth1AuthorizedRequest {
        let frozen = self.frozen
        let (hooks, verifier) = (frozen.value.hooks, frozen.value.verifier)
        try verifier.checkTransport(request)
        guard request.parameterLocation != nil else {
            if request.hasForeignAuthorization, let scheme = request.authorizationScheme {
                throw OAuth1Error(
                    .invalidRequest,
                    description: "authorization scheme \"\(scheme)\" is not OAuth",
                    status: 401
                )
            }
            throw OAuth1Error(.invalidRequest, description: "the request carries no OAuth credentials", status: 401)
        }
        try verifier.checkVersion(request)
        guard let clientID = request.clientID, !clientID.isEmpty else {
            throw .missingParameter("oauth_consumer_key")
        }
        guard let client = try await verifier.hook("getClientByID", { try await hooks.getClientByID(clientID) })
        else { throw .invalidClient() }
        guard let token = request.token, !token.isEmpty else { throw .missingParameter("oauth_token") }
        guard
            let credential = try await verifier.hook(
                "getTokenCredential",
                { try await hooks.getTokenCredential(clientID: clientID, token: token) }
            ),
            credential.clientID == client.clientID
        else { throw .invalidToken() }
        try await verifier.verify(request, client: client, tokenSecret: credential.oauthTokenSecret) { record in
            try await hooks.existsNonce(record)
        }
        return OAuth1AuthorizedRequest(request: request, client: client, credential: credential)
    }

    /// Renders `error` with this protector's realm and body format (401s carry `WWW-Authenticate`).
    ///
    /// - Parameter error: the error.
    /// - Returns: the response.
    public func errorResponse(_ error: OAuth1Error) -> OAuth1Response {
        error.response(realm: configuration.realm, format: configuration.errorFormat)
    }
}
