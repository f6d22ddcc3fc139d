public import FoundationEssentials
public import GatehouseCommon

/// Another server's keys, fetched from its `jwks_uri` and cached: fetched at the first use, again
/// when the cache is older than ``maxAge``, and once more when a token names a `kid` the cached set
/// does not hold (the server rotated its keys), but not more often than ``minRefetchInterval``, so
/// tokens with made-up `kid`s cannot make it fetch in a loop.
public final class RemoteKeySet: Sendable {
    /// Fetches the JWK Set document (an HTTP GET of `jwks_uri`; `OAuthClient` has one).
    public typealias Fetch = @Sendable () async throws -> [UInt8]

    /// The longest a fetched set is used. **Default:** 1 hour.
    public let maxAge: Duration
    /// The shortest time between two fetches caused by unknown `kid`s. **Default:** 30 s.
    public let minRefetchInterval: Duration
    private let fetch: Fetch
    private let clock: WallClock
    private let state = LockedValue<(keys: PublicKeySet, fetchedAt: Date)?>(nil)

    /// Creates the cache; nothing is fetched until ``keys(for:)``.
    ///
    /// - Parameters:
    ///   - maxAge: the longest a fetched set is used.
    ///   - minRefetchInterval: the shortest time between fetches caused by unknown `kid`s.
    ///   - clock: the wall clock the ages are measured by.
    ///   - fetch: loads the document.
    public init(
        maxAge: Duration = .seconds(3_600),
        minRefetchInterval: Duration = .seconds(30),
        clock: WallClock = .system,
        fetch: @escaping Fetch
    ) {
        self.maxAge = maxAge
        self.minRefetchInterval = minRefetchInterval
        self.clock = clock
        self.fetch = fetch
    }

    /// The key set to verify a token naming `kid` with: the cached one when it holds `kid` (or
    /// when it was fetched too recently to fetch again), else a freshly fetched one.
    ///
    /// - Throws: the fetch's errors; ``PublicKeySet/Malformed``.
    public func keys(for kid: String?) async throws -> PublicKeySet {
        let now = clock.now
        if let cached = state.withLock({ $0 }) {
            let age = now.timeIntervalSince(cached.fetchedAt)
            let fresh = age < Self.seconds(maxAge)
            let holds = kid.map { cached.keys.algorithms[$0] != nil } ?? true
            if fresh, holds || age < Self.seconds(minRefetchInterval) { return cached.keys }
        }
        let keys = try await PublicKeySet(jwksJSON: try await fetch())
        state.withLock { $0 = (keys, now) }
        return keys
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
