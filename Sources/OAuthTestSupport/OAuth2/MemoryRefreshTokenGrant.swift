public import OAuth2

/// ``RefreshTokenGrant`` over a ``MemoryOAuth2Store``.
public struct MemoryRefreshTokenGrant: RefreshTokenGrant {
    public let store: MemoryOAuth2Store
    public let rotatesRefreshToken: Bool
    public let reuseGracePeriod: Int

    public init(store: MemoryOAuth2Store, rotatesRefreshToken: Bool = true, reuseGracePeriod: Int = 0) {
        self.store = store
        self.rotatesRefreshToken = rotatesRefreshToken
        self.reuseGracePeriod = reuseGracePeriod
    }

    public func authenticateRefreshToken(_ refreshToken: String) async throws -> (any OAuth2Token)? {
        store.token(refreshToken: refreshToken)
    }

    public func authenticateUser(_ credential: any OAuth2Token) async throws -> (any OAuth2User)? {
        credential.userID.flatMap(store.user(id:))
    }

    public func revokeOldCredential(_ credential: any OAuth2Token) async throws {
        store.revoke(accessToken: credential.accessToken)
    }

    public func revokeTokens(grantID: String) async throws {
        store.revokeFamily(grantID: grantID)
    }
}
