import GatehouseCommon
public import GatehouseOperations
public import Logging

/// The OAuth 2.0 authorization server core: authorization and token endpoints, registered
/// grants and endpoints, client authentication (RFC 6749).
///
/// It sees ``OAuth2Request`` values and returns ``OAuth2Response`` values; OAuthMiddleware adds
/// `initApp(_:queryClient:saveToken:)`, which fills ``configuration`` from `app.config` and sets
/// the hooks. Hooks and registrations may be set after `init`, before serving.
///
/// ```swift
/// let server = AuthorizationServer(queryClient: store.queryClient, saveToken: store.saveToken)
/// server.registerGrant(MyCodeGrant(), extensions: [CodeChallenge()])
/// server.registerGrant(ClientCredentialsGrant())
/// let response = await server.createTokenResponse(request)
/// ```
public final class AuthorizationServer: Sendable {
    /// Loads a client by `client_id` (Authlib's `query_client`); `nil` when unknown.
    public typealias QueryClient = @Sendable (_ clientID: String) async throws -> (any OAuth2Client)?
    /// Persists an issued token with its grant request (Authlib's `save_token`).
    public typealias SaveToken = @Sendable (_ token: IssuedToken, _ request: GrantRequest) async throws -> Void

    struct RegisteredGrant: Sendable {
        var grant: any OAuth2Grant
        var extensions: [any GrantExtension]
    }

    struct State: Sendable {
        var configuration: Configuration
        var queryClient: QueryClient?
        var saveToken: SaveToken?
        var grants: [RegisteredGrant] = []
        var endpoints: [String: any OAuth2Endpoint] = [:]
        var clientAuthenticators: [any ClientAuthenticator] = []
        var observers: [OAuth2SignalObserver] = []
        var audit: Audit = .shared
    }

    /// Set up, then frozen by the app (``freeze()``) or the first request: requests take no lock.
    let state: SetupState<State>
    /// Where hook failures are logged (never shown to clients).
    public let logger: Logger
    /// Tokens issued by grant type and errors by code, made from `MetricsSystem.factory` when the
    /// server is created (see ``/GatehouseOperations/OAuthMetrics``).
    public let metrics = OAuthMetrics(.oauth2)

    /// Creates a server.
    ///
    /// - Parameters:
    ///   - configuration: typed settings (defaults are the secure ones).
    ///   - queryClient: the client lookup hook; may be set later (``queryClient``).
    ///   - saveToken: the token persistence hook; may be set later (``saveToken``).
    ///   - logger: receives hook failures.
    public init(
        configuration: Configuration = Configuration(),
        queryClient: QueryClient? = nil,
        saveToken: SaveToken? = nil,
        logger: Logger = Logger(label: "gatehouse.oauth2")
    ) {
        var initial = State(configuration: configuration, queryClient: queryClient, saveToken: saveToken)
        initial.clientAuthenticators = BuiltInClientAuthenticators.all
        self.state = SetupState(initial, owner: "AuthorizationServer")
        self.logger = logger
    }

    /// The settings; `initApp` replaces them from `app.config`.
    public var configuration: Configuration {
        get { state.read { $0.configuration } }
        set { state.update("change the configuration") { $0.configuration = newValue } }
    }

    /// The `query_client` hook. **Required** before serving.
    public var queryClient: QueryClient? {
        get { state.read { $0.queryClient } }
        set { state.update("replace queryClient") { $0.queryClient = newValue } }
    }

    /// The `save_token` hook. **Required** before serving.
    public var saveToken: SaveToken? {
        get { state.read { $0.saveToken } }
        set { state.update("replace saveToken") { $0.saveToken = newValue } }
    }

    /// Registers a grant for the token endpoint, the authorization endpoint or both
    /// (Authlib's `register_grant`).
    ///
    /// A conformer of a built-in grant's hook protocol (``AuthorizationCodeGrant``,
    /// ``RefreshTokenGrant``, ``ResourceOwnerPasswordCredentialsGrant``; one value may conform to
    /// several) is served by the core's flow for each, which calls its hooks: its checks always run.
    /// A custom ``TokenEndpointGrant`` or ``AuthorizationEndpointGrant`` is served by its own
    /// methods; a value that is both is tried after the core's flows.
    ///
    /// - Parameters:
    ///   - grant: the hooks of built-in grants, a custom grant, or both.
    ///   - extensions: typed plug-ins for this grant, e.g. `[CodeChallenge()]`.
    public func registerGrant(_ grant: some OAuth2Grant, extensions: [any GrantExtension] = []) {
        let served = BuiltInFlows.grants(serving: grant).map { RegisteredGrant(grant: $0, extensions: extensions) }
        state.update("register grant \(type(of: grant))") { $0.grants.append(contentsOf: served) }
    }

    /// Registers a revocation, introspection or other client-authenticated endpoint
    /// (Authlib's `register_endpoint`), reachable by name through ``createEndpointResponse(_:_:)``.
    ///
    /// A conformer of ``RevocationEndpoint`` or ``IntrospectionEndpoint`` is served by the core's
    /// flow, which calls its hooks; a custom ``OAuth2Endpoint`` by its own method. A later
    /// registration under the same name replaces an earlier one.
    public func registerEndpoint(_ endpoint: some RegistrableEndpoint) {
        let served = BuiltInFlows.endpoints(serving: endpoint)
        state.update("register endpoint \(type(of: endpoint))") { state in
            for endpoint in served { state.endpoints[type(of: endpoint).endpointName] = endpoint }
        }
    }

    /// Registers another client authentication method (e.g. `private_key_jwt`). It is tried
    /// after `client_secret_basic` and `client_secret_post` and before `none`.
    public func registerClientAuthenticator(_ authenticator: some ClientAuthenticator) {
        state.update("register client authenticator \(authenticator.method.rawValue)") { state in
            let index = state.clientAuthenticators.firstIndex { $0.method == .none } ?? state.clientAuthenticators.endIndex
            state.clientAuthenticators.insert(authenticator, at: index)
        }
    }

    /// Adds an observer of ``OAuth2Signal``s (client authenticated, token issued, token revoked).
    public func addObserver(_ observer: @escaping OAuth2SignalObserver) {
        state.update("add an observer") { $0.observers.append(observer) }
    }

    /// Freezes grants, endpoints, hooks and settings: `initApp` makes the app call it before its
    /// first request, and the first request does at the latest. A later change is a programming
    /// error.
    public func freeze() {
        state.freeze()
    }

    /// Reports `signal` to the metrics and the audit log, then to every observer, in registration order.
    public func emit(_ signal: OAuth2Signal) async {
        let settings = state.snapshot
        record(signal, audit: settings.value.audit)
        for observer in settings.value.observers { await observer(signal) }
    }

    /// The registered grants with their extensions.
    var registeredGrants: [RegisteredGrant] { state.snapshot.value.grants }

    /// Runs a hook, passing ``OAuth2Error``s through and turning any other failure into
    /// `server_error` (details logged, RFC 6749 §5.2).
    public func callHook<T: Sendable>(
        _ name: String,
        _ body: () async throws -> T
    ) async throws(OAuth2Error) -> T {
        try await HookCall.run(name, logger: logger, body)
    }

    /// Adds `error_uri` from ``Configuration/errorURIs`` when the error has none.
    func decorate(_ error: OAuth2Error) -> OAuth2Error {
        guard error.uri == nil, let uri = configuration.errorURIs[error.code.rawValue] else { return error }
        var copy = error
        copy.uri = uri
        return copy
    }

    /// The `insecure_transport` check (RFC 6749 §3.1, §3.2): http only with ``Configuration/allowInsecureTransport``,
    /// or to a loopback host with ``Configuration/allowInsecureLoopback``.
    func checkTransport(_ request: OAuth2Request) throws(OAuth2Error) {
        if request.isSecureTransport { return }
        let configuration = self.configuration
        guard
            configuration.allowInsecureTransport
                || (configuration.allowInsecureLoopback && LoopbackHost.isLoopbackURI(request.uri))
        else { throw .insecureTransport() }
    }
}
