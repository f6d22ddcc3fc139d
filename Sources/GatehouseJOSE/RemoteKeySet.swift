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
    private let maxAgeSeconds: Double
    private let minRefetchSeconds: Double
    private let fetch: Fetch
    private let clock: WallClock
    private let state = LockedValue(Cached())

    private struct Cached {
        var keys: PublicKeySet?
        var fetchedAt = Date.distantPast
        var lastAttempt = Date.distantPast
    }

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
        maxAgeSeconds = maxAge.inSeconds
        minRefetchSeconds = minRefetchInterval.inSeconds
        self.clock = clock
        self.fetch = fetch
    }

    /// The key set to verify a token naming `kid` with: the cached one when it holds `kid` (or
    /// when it was fetched too recently to fetch again), else a freshly fetched one.
    ///
    /// - Throws: the fetch's errors; ``PublicKeySet/Malformed``.
    public func keys(for kid: String?) async throws -> PublicKeySet {
        let now = clock.now
        // Decide and claim the fetch in one step, so concurrent requests with made-up kids, or
        // requests while the issuer is down, make one fetch per interval, not one each.
        let (cached, fetch) = state.withLock { cached -> (PublicKeySet?, Bool) in
            let fresh = now.timeIntervalSince(cached.fetchedAt) < maxAgeSeconds
            let holds = kid.map { cached.keys?.algorithms[$0] != nil } ?? (cached.keys != nil)
            if cached.keys != nil, fresh, holds { return (cached.keys, false) }
            if cached.keys != nil, now.timeIntervalSince(cached.lastAttempt) < minRefetchSeconds {
                return (cached.keys, false)
            }
            cached.lastAttempt = now
            return (cached.keys, true)
        }
        if !fetch, let cached { return cached }
        do {
            let keys = try await PublicKeySet(jwksJSON: try await self.fetch())
            state.withLock {
                $0.keys = keys
                $0.fetchedAt = now
            }
            return keys
        } catch {
            if let cached { return cached }  // the issuer is down: keep verifying with what we have
            throw error
        }
    }
}
