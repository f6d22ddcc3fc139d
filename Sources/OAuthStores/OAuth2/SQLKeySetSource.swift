import GatehouseCommon
public import GatehouseJOSE

/// The provider's current ``/GatehouseJOSE/KeySet``, read from `oauth2_signing_keys` and kept for
/// `refreshInterval` (by the store's clock): what signs ID tokens and JWT access tokens and what
/// `jwks_uri` publishes. A key rotated on any node (`rotateSigningKey`, `DemoApp rotate-keys`)
/// is used and published here within that interval.
///
/// ```swift
/// let keys = SQLKeySetSource(store: store, sealer: SecretSealer(secret: secretKey, purpose: "signing keys"))
/// try await keys.prepare()                      // first start: one key per algorithm
/// app.get("/oauth/jwks") { _ in .json(raw: try await keys.keySet().jwksJSON) }
/// ```
public final class SQLKeySetSource: Sendable {
    /// The store the keys live in.
    public let store: SQLStore
    /// The algorithms that always have a current key.
    public let algorithms: [SigningAlgorithm]
    private let sealer: SecretSealer
    private let cache: LookupCache<Int, KeySet>

    /// Creates the source; nothing is read until ``keySet()`` or ``prepare()``.
    ///
    /// - Parameters:
    ///   - store: the store.
    ///   - sealer: opens the sealed private keys; the same secret and purpose on every node.
    ///   - algorithms: the algorithms to keep a current key for. **Default:** RS256 and ES256.
    ///   - refreshInterval: how long a read key set is used. **Default:** 60 s.
    public init(
        store: SQLStore,
        sealer: SecretSealer,
        algorithms: [SigningAlgorithm] = [.rs256, .es256],
        refreshInterval: Duration = .seconds(60)
    ) {
        self.store = store
        self.sealer = sealer
        self.algorithms = algorithms
        self.cache = LookupCache(lifetime: refreshInterval, capacity: 1, clock: store.clock)
    }

    /// Makes the missing current keys (a first start) and reads the set.
    public func prepare() async throws {
        try await store.ensureSigningKeys(algorithms, sealer: sealer)
        _ = try await reload()
    }

    /// The key set, read again when the last read is older than the refresh interval.
    public func keySet() async throws -> KeySet {
        if let keys = cache.value(for: 0, epoch: 0) { return keys }
        return try await reload()
    }

    private func reload() async throws -> KeySet {
        let keys = try await store.keySet(sealer: sealer)
        cache.store(keys, for: 0, epoch: 0)
        return keys
    }
}
