public import OAuth2

/// ``BearerTokenValidator`` over a ``MemoryOAuth2Store``.
public struct MemoryBearerTokenValidator: BearerTokenValidator {
    public let store: MemoryOAuth2Store
    public init(store: MemoryOAuth2Store) { self.store = store }

    public func authenticateToken(_ tokenString: String) async throws -> (any OAuth2Token)? {
        store.token(accessToken: tokenString)
    }
}
