public import GatehouseCommon
public import OAuth1

/// Every ``/OAuth1/OAuth1AuthorizationServerHooks`` hook over ``SQLStore``, ready to use.
///
/// - Clients and token credentials come from `oauth1_clients` and `oauth1_token_credentials`.
/// - Nonces are recorded in `oauth1_nonces` with one atomic insert (``SQLStore/existsNonce(_:expires:)``),
///   so a nonce used on one node is refused on every other.
/// - Temporary credentials live in the shared `gatehouse_cache` table (``cache``, a ``SQLCache``)
///   through the protocol's default hooks: they are short-lived, and every node sees them. Expired
///   ones are removed by ``SQLStore/purgeExpired(now:batchSize:tokenRetention:)``.
///
/// ```swift
/// let server = OAuth1AuthorizationServer(hooks: store.oauth1ServerHooks())
/// ```
public struct SQLOAuth1ServerHooks: OAuth1AuthorizationServerHooks {
    /// The database.
    public let store: SQLStore
    /// The shared cache holding temporary credentials.
    public let cache: (any KeyValueCache)?
    /// Seconds a temporary credential is kept. **Default:** 86,400.
    public let temporaryCredentialExpiresIn: Int
    /// Seconds a nonce is remembered; keep it above the timestamp window. **Default:** 86,400.
    public let nonceExpiresIn: Int

    /// Creates the hooks.
    ///
    /// - Parameters:
    ///   - store: the database.
    ///   - temporaryCredentialExpiresIn: seconds a temporary credential is kept.
    ///   - nonceExpiresIn: seconds a nonce is remembered.
    public init(store: SQLStore, temporaryCredentialExpiresIn: Int = 86_400, nonceExpiresIn: Int = 86_400) {
        self.store = store
        self.cache = SQLCache(store: store)
        self.temporaryCredentialExpiresIn = temporaryCredentialExpiresIn
        self.nonceExpiresIn = nonceExpiresIn
    }

    public func getClientByID(_ clientID: String) async throws -> (any OAuth1Client)? {
        try await store.oauth1Client(id: clientID)
    }

    /// Records the nonce in `oauth1_nonces`; `true` when it was already used (RFC 5849 §3.3).
    public func existsNonce(_ nonce: String, request: OAuth1Request) async throws -> Bool {
        try await store.existsNonce(
            TimestampNonce(nonce: nonce, timestamp: request.timestamp ?? "", clientID: request.clientID ?? "", oauthToken: request.token),
            expires: nonceExpiresIn
        )
    }

    public func createTokenCredential(
        _ request: OAuth1Request,
        temporaryCredential: any OAuth1TemporaryCredential,
        oauthToken: String,
        oauthTokenSecret: String
    ) async throws -> any OAuth1TokenCredential {
        try await store.insertOAuth1TokenCredential(
            clientID: temporaryCredential.clientID,
            oauthToken: oauthToken,
            oauthTokenSecret: oauthTokenSecret,
            userID: temporaryCredential.userID
        )
    }
}
