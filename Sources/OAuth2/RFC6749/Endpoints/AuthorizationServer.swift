public import GatehouseCommon
public import Logging
import NIOConcurrencyHelpers

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

    let state: NIOLockedValueBox<State>
    /// Where hook failures are logged (never shown to clients).
    public let logger: Logger
    /// Tokens issued by grant type and errors by code, made from `MetricsSystem.factory` when the
    /// server is created (see ``OAuthMetrics``).
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
        self.state = NIOLockedValueBox(initial)
        self.logger = logger
    }

    /// The settings; `initApp` replaces them from `app.config`.
    public var configuration: Configuration {
        get { state.withLockedValue { $0.configuration } }
        set { state.withLockedValue { $0.configuration = newValue } }
    }

    /// The `query_client` hook. **Required** before serving.
    public var queryClient: QueryClient? {
        get { state.withLockedValue { $0.queryClient } }
        set { state.withLockedValue { $0.queryClient = newValue } }
    }

    /// The `save_token` hook. **Required** before serving.
    public var saveToken: SaveToken? {
        get { state.withLockedValue { $0.saveToken } }
        set { state.withLockedValue { $0.saveToken = newValue } }
    }

    /// Registers a grant for the token endpoint, the authorization endpoint or both
    /// (Authlib's `register_grant`).
    ///
    /// - Parameters:
    ///   - grant: a ``TokenEndpointGrant`` and/or ``AuthorizationEndpointGrant``.
    ///   - extensions: typed plug-ins for this grant, e.g. `[CodeChallenge()]`.
    public func registerGrant(_ grant: some OAuth2Grant, extensions: [any GrantExtension] = []) {
        state.withLockedValue { $0.grants.append(RegisteredGrant(grant: grant, extensions: extensions)) }
    }

    /// Registers a revocation, introspection or other client-authenticated endpoint
    /// (Authlib's `register_endpoint`), reachable by name through ``createEndpointResponse(_:_:)``.
    public func registerEndpoint(_ endpoint: some OAuth2Endpoint) {
        state.withLockedValue { $0.endpoints[type(of: endpoint).endpointName] = endpoint }
    }

    /// Registers another client authentication method (e.g. `private_key_jwt`). It is tried
    /// after `client_secret_basic` and `client_secret_post` and before `none`.
    public func registerClientAuthenticator(_ authenticator: some ClientAuthenticator) {
        state.withLockedValue { state in
            let index = state.clientAuthenticators.firstIndex { $0.method == .none } ?? state.clientAuthenticators.endIndex
            state.clientAuthenticators.insert(authenticator, at: index)
        }
    }

    /// Adds an observer of ``OAuth2Signal``s (client authenticated, token issued, token revoked).
    public func addObserver(_ observer: @escaping OAuth2SignalObserver) {
        state.withLockedValue { $0.observers.append(observer) }
    }

    /// Reports `signal` to the metrics and the audit log, then to every observer, in registration order.
    public func emit(_ signal: OAuth2Signal) async {
        let (observers, audit) = state.withLockedValue { ($0.observers, $0.audit) }
        record(signal, audit: audit)
        for observer in observers { await observer(signal) }
    }

    /// The registered grants with their extensions.
    var registeredGrants: [RegisteredGrant] { state.withLockedValue { $0.grants } }

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
