public import OAuth2

/// ``IntrospectionEndpoint`` over a ``MemoryOAuth2Store``.
public struct MemoryIntrospectionEndpoint: IntrospectionEndpoint {
    public let store: MemoryOAuth2Store
    public init(store: MemoryOAuth2Store) { self.store = store }

    public func queryToken(_ token: String, hint: TokenTypeHint?) async throws -> (any OAuth2Token)? {
        store.token(matching: token, hint: hint)
    }
}
