import GatehouseCommon

/// Validates bearer tokens for a ``ResourceProtector`` (RFC 6750; Authlib's `BearerTokenValidator`).
///
/// Implement ``authenticateToken(_:)``; expiry and scope checks are built in and cannot be skipped.
///
/// ```swift
/// struct Validator: BearerTokenValidator {
///     let store: Store
///     func authenticateToken(_ tokenString: String) async throws -> (any OAuth2Token)? {
///         try await store.token(accessToken: tokenString)
///     }
/// }
/// requireOAuth.registerTokenValidator(Validator(store: store))
/// ```
public protocol BearerTokenValidator: Sendable {
    /// The `Authorization` scheme served, lower-cased. **Default:** `"bearer"`.
    static var tokenType: String { get }

    /// Loads the token record for an access token string. **Required.**
    ///
    /// - Returns: the token, or `nil` when unknown (`invalid_token`).
    func authenticateToken(_ tokenString: String) async throws -> (any OAuth2Token)?

    /// Whether the request is malformed for this resource (`invalid_request`). **Default:** `false`.
    func requestInvalid(_ request: OAuth2Request) async throws -> Bool

    /// Whether the token was revoked. **Default:** ``OAuth2Token/isRevoked``.
    func tokenRevoked(_ token: any OAuth2Token) async throws -> Bool
}

extension BearerTokenValidator {
    public static var tokenType: String { "bearer" }

    public func requestInvalid(_ request: OAuth2Request) async throws -> Bool { false }

    public func tokenRevoked(_ token: any OAuth2Token) async throws -> Bool { token.isRevoked }

    /// Authenticates `tokenString` and checks the request, expiry, revocation and scope
    /// (RFC 6750 §3.1). A final template method: conformers customise only the hooks.
    ///
    /// - Throws: `invalid_request` (400), `invalid_token` (401) or `insufficient_scope` (403),
    ///   each with a `WWW-Authenticate: Bearer` challenge.
    public func validate(
        _ tokenString: String,
        request: OAuth2Request,
        scopes: ScopeRequirement,
        protector: ResourceProtector
    ) async throws(OAuth2Error) -> any OAuth2Token {
        let realm = protector.realm
        let logger = protector.logger
        if try await HookCall.run("requestInvalid", logger: logger, { try await requestInvalid(request) }) {
            throw OAuth2Error(.invalidRequest, description: "Invalid request.", challenge: .bearer(realm: realm, scope: nil))
        }
        let found = try await HookCall.run("authenticateToken", logger: logger) { try await authenticateToken(tokenString) }
        guard let token = found else { throw .invalidToken("The access token is invalid.", realm: realm) }
        guard !token.isExpired(at: protector.clock.now) else { throw .invalidToken("The access token expired.", realm: realm) }
        if try await HookCall.run("tokenRevoked", logger: logger, { try await tokenRevoked(token) }) {
            throw .invalidToken("The access token was revoked.", realm: realm)
        }
        guard scopes.isSatisfied(by: token.scope) else {
            throw .insufficientScope("The access token lacks the required scope.", requiredScope: scopes.description, realm: realm)
        }
        return token
    }
}
