import Crypto
import GatehouseCommon
public import OAuth2

/// Validates bearer tokens (RFC 6750) against ``SQLStore`` (Authlib's `create_bearer_token_validator`),
/// with a bounded in-process cache of look-ups.
///
/// A look-up is served from the cache for at most ``cacheLifetime`` (default 5 seconds), so a token
/// revoked on any node is refused everywhere within that lifetime, while a busy API does not hit
/// the database on every request; a revocation made through the same ``SQLStore`` ends every cached
/// look-up at once. `.zero` turns the cache off. Unknown tokens are never cached.
/// Expiry and scope are checked on every request by the core (``/OAuth2/BearerTokenValidator/validate(_:request:scopes:protector:)``).
///
/// ```swift
/// requireOAuth.registerTokenValidator(store.bearerTokenValidator(cacheLifetime: .seconds(2)))
/// ```
public struct SQLBearerTokenValidator: BearerTokenValidator {
    /// The database.
    public let store: SQLStore
    // Records are kept already boxed as `any OAuth2Token`: a hit is then one retain, where
    // returning the struct copied its dozen fields and boxed them anew on every request.
    private let cache: LookupCache<SHA256Digest, any OAuth2Token>?

    /// Creates a validator.
    ///
    /// - Parameters:
    ///   - store: the database.
    ///   - cacheLifetime: how long a look-up is reused; `.zero` disables the cache.
    ///   - maxCachedTokens: the most tokens cached at once.
    public init(store: SQLStore, cacheLifetime: Duration = .seconds(5), maxCachedTokens: Int = 10_000) {
        self.store = store
        self.cache =
            cacheLifetime > .zero && maxCachedTokens > 0
            ? LookupCache(lifetime: cacheLifetime, capacity: maxCachedTokens, clock: store.clock) : nil
    }

    /// How long a look-up is reused (`.zero` when the cache is off).
    public var cacheLifetime: Duration { cache?.lifetime ?? .zero }

    /// How many look-ups are cached now.
    public var cachedTokenCount: Int { cache?.count ?? 0 }

    /// Loads the record of an access token, revoked or not, from the cache or the database.
    public func authenticateToken(_ tokenString: String) async throws -> (any OAuth2Token)? {
        guard let cache else { return try await store.oauth2Token(accessToken: tokenString) }
        // Keyed by the raw digest: the token is not kept in memory, and no hex string is built.
        let key = SecretDigest.sha256(tokenString)
        let epoch = store.revocationEpoch
        if let cached = cache.value(for: key, epoch: epoch) { return cached }
        guard let record = try await store.oauth2Token(accessToken: tokenString) else { return nil }
        let token: any OAuth2Token = record
        cache.store(token, for: key, epoch: epoch)
        return token
    }
}
