import FoundationEssentials
import GatehouseCommon
import GatehouseOperations

/// The refresh token grant (RFC 6749 §6) with rotation and reuse detection (RFC 9700 §4.14.2).
///
/// With rotation (the default) each refresh returns a new refresh token and retires the old one
/// (``revokeOldCredential(_:)``). Presenting a retired refresh token again revokes the whole token
/// family (``revokeTokens(grantID:)``), unless it happens within ``reuseGracePeriod`` seconds of its
/// rotation (a client retrying concurrently). A refresh may narrow the scope, never widen it.
///
/// The flow is the core's and final: ``AuthorizationServer/registerGrant(_:extensions:)`` serves
/// `grant_type=refresh_token` with it, calling these hooks; a conformer cannot replace its checks
/// (client authentication, the token's client, reuse detection, expiry, scope), whatever else it
/// declares.
///
/// ```swift
/// struct RefreshGrant: RefreshTokenGrant {
///     let store: Store
///     func authenticateRefreshToken(_ refreshToken: String) async throws -> (any OAuth2Token)? {
///         try await store.token(refreshToken: refreshToken)   // revoked ones too
///     }
///     func authenticateUser(_ credential: any OAuth2Token) async throws -> (any OAuth2User)? {
///         try await credential.userID.asyncMap(store.user(id:))
///     }
///     func revokeOldCredential(_ credential: any OAuth2Token) async throws {
///         try await store.revoke(accessToken: credential.accessToken)
///     }
///     func revokeTokens(grantID: String) async throws { try await store.revokeFamily(grantID) }
/// }
/// ```
public protocol RefreshTokenGrant: OAuth2Grant {
    /// Loads the token record holding `refreshToken`, INCLUDING revoked ones, so that reuse of a
    /// rotated-out token is detected. **Required.**
    func authenticateRefreshToken(_ refreshToken: String) async throws -> (any OAuth2Token)?

    /// Loads the user of the credential. **Required.**
    func authenticateUser(_ credential: any OAuth2Token) async throws -> (any OAuth2User)?

    /// Marks the old credential revoked (keep the record: it detects reuse). **Required.**
    func revokeOldCredential(_ credential: any OAuth2Token) async throws

    /// Revokes every token of a family. **Required.**
    func revokeTokens(grantID: String) async throws

    /// Issue a new refresh token on every refresh and retire the old one. **Default:** `true`.
    var rotatesRefreshToken: Bool { get }

    /// Seconds after rotation during which the old refresh token still works. **Default:** `0`.
    var reuseGracePeriod: Int { get }
}

extension RefreshTokenGrant {
    public var rotatesRefreshToken: Bool { true }
    public var reuseGracePeriod: Int { 0 }
}

// The flow, run by ``RefreshTokenFlow`` only: internal, not requirements, so statically
// dispatched; a conformer's methods of the same names are never called instead.
extension RefreshTokenGrant {
    /// RFC 6749 §6: authenticates the client, checks the refresh token and the scope.
    func validateTokenRequest(_ request: OAuth2Request, context: GrantContext) async throws(OAuth2Error) -> GrantRequest {
        let client = try await context.server.authenticateClient(
            request,
            methods: RefreshTokenFlow<Self>.tokenEndpointAuthMethods,
            grantType: .refreshToken
        )
        guard let refreshToken = request.form["refresh_token"], !refreshToken.isEmpty else {
            throw .invalidRequest("Missing refresh_token.")
        }
        let found = try await context.server.callHook("authenticateRefreshToken") {
            try await authenticateRefreshToken(refreshToken)
        }
        guard let credential = found, credential.clientID == client.clientID else {
            throw .invalidGrant("Invalid refresh token.")
        }
        if credential.isRevoked, !isWithinGracePeriod(credential, now: context.clock.now) {
            context.server.recordReuse(.refreshTokenReuseDetected, clientID: client.clientID, grantID: credential.grantID)
            let grantID = credential.grantID ?? credential.accessToken
            try await context.server.callHook("revokeTokens") { try await revokeTokens(grantID: grantID) }
            await context.server.emit(.grantRevoked(grantID: grantID, reason: "refresh token reused"))
            throw .invalidGrant("The refresh token was revoked.")
        }
        guard !credential.isRefreshTokenExpired(at: context.clock.now) else { throw .invalidGrant("The refresh token expired.") }

        let scope = try validateScope(request.form["scope"], credential: credential)
        var user: (any OAuth2User)?
        if credential.userID != nil {
            user = try await context.server.callHook("authenticateUser") { try await authenticateUser(credential) }
            guard user != nil else { throw .invalidGrant("The user of this token is gone.") }
        }
        var grantRequest = GrantRequest(
            request: request,
            client: client,
            grantType: .refreshToken,
            user: user,
            scope: scope,
            grantID: credential.grantID
        )
        grantRequest.refreshCredential = credential
        return grantRequest
    }

    /// Issues the new token, then retires the old credential when rotating.
    func createTokenResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response {
        let token = try await context.server.issueToken(for: grantRequest, includeRefreshToken: rotatesRefreshToken)
        if rotatesRefreshToken, let credential = grantRequest.refreshCredential, !credential.isRevoked {
            try await context.server.callHook("revokeOldCredential") { try await revokeOldCredential(credential) }
            await context.server.emit(.tokenRevoked(token: credential))
        }
        return token.response
    }

    /// RFC 6749 §6: the new scope MUST NOT include a scope not originally granted.
    private func validateScope(_ requested: String?, credential: any OAuth2Token) throws(OAuth2Error) -> String? {
        guard let requested else { return credential.scope }
        guard Scope.isWellFormed(requested) else { throw .invalidScope("The scope is malformed.") }
        let original = Scope.set(credential.scope)
        let list = Scope.list(requested)
        guard list.allSatisfy(original.contains) else {
            throw .invalidScope("The requested scope exceeds the original grant.")
        }
        return Scope.join(list)
    }

    private func isWithinGracePeriod(_ credential: any OAuth2Token, now: Date) -> Bool {
        guard reuseGracePeriod > 0, let revokedAt = credential.revokedAt else { return false }
        return now.timeIntervalSince(revokedAt) <= TimeInterval(reuseGracePeriod)
    }
}
