public import OAuth2

/// ``RevocationEndpoint`` over a ``MemoryOAuth2Store``.
public struct MemoryRevocationEndpoint: RevocationEndpoint {
    public let store: MemoryOAuth2Store
    public init(store: MemoryOAuth2Store) { self.store = store }

    public func queryToken(_ token: String, hint: TokenTypeHint?) async throws -> (any OAuth2Token)? {
        store.token(matching: token, hint: hint)
    }

    public func revokeToken(_ token: any OAuth2Token) async throws {
        store.revoke(accessToken: token.accessToken)
    }

    public func revokeTokens(grantID: String) async throws {
        store.revokeFamily(grantID: grantID)
    }
}
