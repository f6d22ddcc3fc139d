public import OAuth2

/// ``ResourceOwnerPasswordCredentialsGrant`` over a ``MemoryOAuth2Store``.
public struct MemoryPasswordGrant: ResourceOwnerPasswordCredentialsGrant {
    public let store: MemoryOAuth2Store
    public init(store: MemoryOAuth2Store) { self.store = store }

    public func authenticateUser(username: String, password: String) async throws -> (any OAuth2User)? {
        store.user(username: username, password: password)
    }
}
