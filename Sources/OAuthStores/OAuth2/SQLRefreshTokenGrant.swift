public import OAuth2

/// The refresh token grant (RFC 6749 §6) over ``SQLStore``, with rotation and reuse detection
/// (RFC 9700 §4.14.2), ready to register.
///
/// The old record is retired with one conditional `UPDATE` (refresh token marked rotated, its
/// access token revoked). When two requests refresh with the same token at once, both pass
/// validation but only one wins that update; the loser is treated as reuse: unless
/// ``reuseGracePeriod`` allows it, the whole family (including the winner's new token) is revoked
/// and the loser gets `invalid_grant`.
///
/// ```swift
/// server.registerGrant(store.refreshTokenGrant())
/// ```
public struct SQLRefreshTokenGrant: RefreshTokenGrant {
    /// The database.
    public let store: SQLStore
    /// Loads the application's user for a stored user id; `nil` trusts the id (``OAuth2UserReference``).
    public let loadUser: SQLStore.UserLoader?
    /// Issue a new refresh token on every refresh. **Default:** `true`.
    public let rotatesRefreshToken: Bool
    /// Seconds after rotation during which the old refresh token still works. **Default:** `0`.
    public let reuseGracePeriod: Int

    /// Creates the grant.
    ///
    /// - Parameters:
    ///   - store: the database.
    ///   - authenticateUser: loads the token's user; **Default:** ``OAuth2UserReference``.
    ///   - rotatesRefreshToken: rotate refresh tokens (RFC 9700 §4.14.2).
    ///   - reuseGracePeriod: seconds a rotated refresh token is still accepted (concurrent retries).
    public init(
        store: SQLStore,
        authenticateUser: SQLStore.UserLoader? = nil,
        rotatesRefreshToken: Bool = true,
        reuseGracePeriod: Int = 0
    ) {
        self.store = store
        self.loadUser = authenticateUser
        self.rotatesRefreshToken = rotatesRefreshToken
        self.reuseGracePeriod = reuseGracePeriod
    }

    public func authenticateRefreshToken(_ refreshToken: String) async throws -> (any OAuth2Token)? {
        try await store.oauth2Token(refreshToken: refreshToken)
    }

    public func authenticateUser(_ credential: any OAuth2Token) async throws -> (any OAuth2User)? {
        guard let userID = credential.userID else { return nil }
        guard let loadUser else { return OAuth2UserReference(userID: userID) }
        return try await loadUser(userID)
    }

    /// Marks the old refresh token rotated, atomically.
    ///
    /// - Throws: `invalid_grant` after revoking the family when another request rotated it first
    ///   (and no grace period applies).
    public func revokeOldCredential(_ credential: any OAuth2Token) async throws {
        let digest = (credential as? SQLOAuth2Token)?.accessTokenDigest ?? SecretDigest.tokenKey(credential.accessToken)
        guard try await !store.rotateOAuth2RefreshToken(accessTokenDigest: digest) else { return }
        if reuseGracePeriod > 0 { return }
        if let grantID = credential.grantID {
            try await store.revokeOAuth2Tokens(grantID: grantID)
        }
        throw OAuth2Error.invalidGrant("The refresh token was already used.")
    }

    public func revokeTokens(grantID: String) async throws {
        try await store.revokeOAuth2Tokens(grantID: grantID)
    }
}
