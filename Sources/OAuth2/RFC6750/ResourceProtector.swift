public import GatehouseCommon
public import GatehouseOperations
public import Logging

/// Protects resources with bearer tokens (RFC 6750; Authlib's `ResourceProtector`).
///
/// The core validates a request value; OAuthMiddleware turns it into `requireOAuth("profile") { ... }`
/// guards and binds `currentToken`. Tokens are read from `Authorization: Bearer` (RFC 6750 §2.1),
/// from a form body (§2.2), and from the query (§2.3) only when ``allowsQueryToken`` is on.
///
/// ```swift
/// let requireOAuth = ResourceProtector()
/// requireOAuth.registerTokenValidator(MyValidator())
/// let token = try await requireOAuth.validateRequest(request, scopes: "profile")
/// ```
public final class ResourceProtector: Sendable {
    private struct State: Sendable {
        var validators: [String: any BearerTokenValidator] = [:]
        var observers: [OAuth2SignalObserver] = []
        var allowsQueryToken: Bool
        var realm: String?
    }

    /// Set up, then frozen by the first request (or ``freeze()``): guards take no lock.
    private let state: SetupState<State>
    /// Where hook failures are logged.
    public let logger: Logger
    /// Guard decisions (allowed, or denied by error code), made from `MetricsSystem.factory` when
    /// the protector is created (see ``/GatehouseOperations/OAuthMetrics``).
    public let metrics = OAuthMetrics(.oauth2)
    /// The wall clock token expiry is judged by (``BearerTokenValidator``); tests pass a
    /// ``/GatehouseCommon/ManualClock``'s. **Default:** ``/GatehouseCommon/WallClock/system``.
    public let clock: WallClock

    /// Creates a protector.
    ///
    /// - Parameters:
    ///   - realm: the `realm` of `WWW-Authenticate` challenges.
    ///   - allowsQueryToken: accept `?access_token=` (RFC 6750 §2.3; off by default, RFC 9700 §4.3.2).
    ///   - logger: receives hook failures.
    ///   - clock: the wall clock token expiry is judged by.
    public init(
        realm: String? = nil,
        allowsQueryToken: Bool = false,
        logger: Logger = Logger(label: "gatehouse.oauth2.resource"),
        clock: WallClock = .system
    ) {
        self.state = SetupState(State(allowsQueryToken: allowsQueryToken, realm: realm), owner: "ResourceProtector")
        self.logger = logger
        self.clock = clock
    }

    /// Registers a validator for its ``BearerTokenValidator/tokenType`` (Authlib's `register_token_validator`).
    public func registerTokenValidator(_ validator: some BearerTokenValidator) {
        let tokenType = type(of: validator).tokenType.lowercased()
        state.update("register a \(tokenType) token validator") { $0.validators[tokenType] = validator }
    }

    /// Freezes the validators, observers and settings; the first request does it at the latest,
    /// and a later registration is a programming error.
    public func freeze() {
        state.freeze()
    }

    /// Whether `access_token` in the query is accepted. **Default:** `false`.
    public var allowsQueryToken: Bool {
        get { state.read { $0.allowsQueryToken } }
        set { state.update("change allowsQueryToken") { $0.allowsQueryToken = newValue } }
    }

    /// The `realm` of `WWW-Authenticate` challenges.
    public var realm: String? {
        get { state.read { $0.realm } }
        set { state.update("change the realm") { $0.realm = newValue } }
    }

    /// Adds an observer; it receives ``OAuth2Signal/tokenAuthenticated(token:)``.
    public func addObserver(_ observer: @escaping OAuth2SignalObserver) {
        state.update("add an observer") { $0.observers.append(observer) }
    }

    /// Validates the request's bearer token against `scopes` (Authlib's `validate_request`).
    ///
    /// - Parameters:
    ///   - request: the resource request.
    ///   - scopes: the scopes needed: `"a b"` all of them, `["a", "b"]` any one, `nil` none.
    ///   - optional: let requests without any token through (returns `nil`); a bad token still fails.
    /// - Returns: the token, or `nil` for an anonymous request in optional mode.
    /// - Throws: `invalid_request` (400), `invalid_token` (401) or `insufficient_scope` (403),
    ///   with a `WWW-Authenticate: Bearer` challenge (RFC 6750 §3).
    public func validateRequest(
        _ request: OAuth2Request,
        scopes: ScopeRequirement = .none,
        optional: Bool = false
    ) async throws(OAuth2Error) -> (any OAuth2Token)? {
        do throws(OAuth2Error) {
            let token = try await authenticateRequest(request, scopes: scopes, optional: optional)
            metrics.recordGuardAllowed()
            return token
        } catch {
            metrics.recordGuardDenied(error: error.code.rawValue)
            throw error
        }
    }

    /// The checks of ``validateRequest(_:scopes:optional:)``, before the decision is counted.
    private func authenticateRequest(
        _ request: OAuth2Request,
        scopes: ScopeRequirement,
        optional: Bool
    ) async throws(OAuth2Error) -> (any OAuth2Token)? {
        // The frozen settings, one atomic load: every protected request runs this.
        let settings = state.snapshot
        let realm = settings.value.realm
        let (scheme, tokenString) = try extractToken(request, allowsQuery: settings.value.allowsQueryToken, realm: realm)
        guard let tokenString else {
            if optional { return nil }
            throw .invalidToken("Missing access token.", realm: realm)
        }
        guard let validator = settings.value.validators[scheme] else {
            throw .invalidToken("Unsupported token type.", realm: realm)
        }
        let token = try await validator.validate(tokenString, request: request, scopes: scopes, protector: self)
        for observer in settings.value.observers { await observer(.tokenAuthenticated(token: token)) }
        return token
    }

    /// Finds the one token of the request (RFC 6750 §2: a client MUST NOT use more than one method).
    private func extractToken(
        _ request: OAuth2Request,
        allowsQuery: Bool,
        realm: String?
    ) throws(OAuth2Error) -> (scheme: String, token: String?) {
        // Built only on the error path: every protected call runs this.
        func malformed() -> OAuth2Error {
            OAuth2Error(.invalidRequest, description: "Malformed bearer token request.", challenge: .bearer(realm: realm, scope: nil))
        }
        var found: (scheme: String, token: String)?
        var methods = 0
        if let (scheme, credentials) = request.authorization {
            guard let credentials else { throw malformed() }
            found = (scheme, credentials)
            methods += 1
        }
        if request.method != "GET", request.hasFormBody, request.form.contains("access_token") {
            guard request.form.count(of: "access_token") == 1, let token = request.form["access_token"] else { throw malformed() }
            found = ("bearer", token)
            methods += 1
        }
        if allowsQuery, request.query.contains("access_token") {
            guard request.query.count(of: "access_token") == 1, let token = request.query["access_token"] else { throw malformed() }
            found = ("bearer", token)
            methods += 1
        }
        guard methods <= 1 else {
            throw OAuth2Error(
                .invalidRequest,
                description: "More than one method was used to send the access token.",
                challenge: .bearer(realm: realm, scope: nil)
            )
        }
        guard let (scheme, token) = found else { return ("bearer", nil) }
        guard !token.isEmpty else { throw malformed() }
        return (scheme, token)
    }
}
