public import OAuth1

/// The ``/OAuth1/OAuth1ResourceProtectorHooks`` (`query_client`, `query_token`, `exists_nonce`) over
/// ``SQLStore``, ready to use; nonces are shared with the authorization server's.
///
/// ```swift
/// let protector = OAuth1ResourceProtector(hooks: store.oauth1ResourceProtectorHooks())
/// ```
public struct SQLOAuth1ResourceProtectorHooks: OAuth1ResourceProtectorHooks {
    /// The database.
    public let store: SQLStore
    /// Seconds a nonce is remembered; keep it above the timestamp window. **Default:** 86,400.
    public let nonceExpiresIn: Int

    /// Creates the hooks.
    public init(store: SQLStore, nonceExpiresIn: Int = 86_400) {
        self.store = store
        self.nonceExpiresIn = nonceExpiresIn
    }

    public func getClientByID(_ clientID: String) async throws -> (any OAuth1Client)? {
        try await store.oauth1Client(id: clientID)
    }

    public func getTokenCredential(clientID: String, token: String) async throws -> (any OAuth1TokenCredential)? {
        try await store.queryToken(clientID: clientID, token: token)
    }

    public func existsNonce(_ nonce: TimestampNonce) async throws -> Bool {
        try await store.existsNonce(nonce, expires: nonceExpiresIn)
    }
}
