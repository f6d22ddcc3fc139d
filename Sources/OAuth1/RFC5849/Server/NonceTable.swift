public import GatehouseCommon

/// The nonces one server process has accepted (RFC 5849 §3.3), for an `existsNonce` hook that
/// needs no shared store: a single process, tests, benchmarks. Several processes share nonces
/// through a database instead (`OAuthStores`).
///
/// The protector refuses any timestamp more than the timestamp window away from its clock, so a
/// nonce only has to be remembered for that long. The table keeps one set per second of
/// `oauth_timestamp` and drops whole seconds once they fall out of the window: no per-entry
/// expiry, no eviction order to maintain, and no growth of one large table (whose rehashing
/// would stall every request). Each use is kept as a 64-bit keyed hash (the standard library's
/// `Hasher`, seeded at random per process) of nonce, timestamp, client and token: a new nonce is
/// mistaken for a replay with a probability of about n / 2⁶⁴ for n nonces held.
///
/// When more than ``capacity`` uses are held, the oldest seconds (other than the one being
/// recorded) are dropped early; a nonce from them could then be replayed until its timestamp
/// leaves the window. Size the table to at least the accepted
/// request rate × 2 × the window.
///
/// ```swift
/// let protector = OAuth1ResourceProtector(
///     queryClient: store.client, queryToken: store.token,
///     existsNonce: createExistsNonceFunc(NonceTable()))
/// ```
public final class NonceTable: Sendable {
    /// The uses of one second, split by their low hash bits: when a second holds hundreds of
    /// thousands of uses, growing one set rehashed all of them at once, under the lock, stalling
    /// every event loop for milliseconds; sixteen sets grow a sixteenth at a time.
    private struct Second {
        private var shards = [Set<UInt64>](repeating: [], count: 16)
        private(set) var count = 0

        mutating func insert(_ key: UInt64) -> Bool {
            guard shards[Int(key & 15)].insert(key).inserted else { return false }
            count += 1
            return true
        }
    }

    private struct State {
        var seconds: [Int: Second] = [:]
        var count = 0
        var lastPurge = Int.min
    }

    private let state = LockedValue(State())
    /// How long a nonce is remembered beyond its timestamp, in seconds (the timestamp window).
    public let timestampWindow: Int
    /// The most uses held at once.
    public let capacity: Int
    private let clock: WallClock

    /// Creates an empty table.
    ///
    /// - Parameters:
    ///   - timestampWindow: the protector's timestamp window in seconds (default 300); 0 when the
    ///     protector does not check timestamps, in which case only ``capacity`` bounds the table.
    ///   - capacity: the most uses held (default 1,000,000, about 16 MB).
    ///   - clock: the wall clock old seconds are purged by (default ``/GatehouseCommon/WallClock/system``); tests
    ///     pass a ``/GatehouseCommon/ManualClock``.
    public init(
        timestampWindow: Int = 300,
        capacity: Int = 1_000_000,
        clock: WallClock = .system
    ) {
        self.timestampWindow = max(0, timestampWindow)
        self.capacity = max(1, capacity)
        self.clock = clock
    }

    /// Records this use of a nonce; `true` when it was recorded before (a replay).
    public func exists(_ nonce: TimestampNonce) -> Bool {
        var hasher = Hasher()
        hasher.combine(nonce.nonce)
        hasher.combine(nonce.timestamp)
        hasher.combine(nonce.clientID)
        hasher.combine(nonce.oauthToken)
        let key = UInt64(bitPattern: Int64(hasher.finalize()))
        let second = Int(nonce.timestamp) ?? 0
        let now = clock.unixSeconds
        return state.withLock { state in
            if timestampWindow > 0, now != state.lastPurge {
                state.lastPurge = now
                purge(&state, before: now - timestampWindow - 1)
            }
            let inserted = state.seconds[second, default: Second()].insert(key)
            guard inserted else { return true }
            state.count += 1
            while state.count > capacity, let oldest = state.seconds.keys.filter({ $0 != second }).min() {
                state.count -= state.seconds.removeValue(forKey: oldest)?.count ?? 0
            }
            return false
        }
    }

    /// How many uses are held.
    public var count: Int { state.withLock { $0.count } }

    private func purge(_ state: inout State, before cutoff: Int) {
        let stale = state.seconds.keys.filter { $0 < cutoff }
        for second in stale {
            state.count -= state.seconds.removeValue(forKey: second)?.count ?? 0
        }
    }
}

/// An `existsNonce` function backed by a ``NonceTable``, for a single server process.
///
/// - Parameter table: where nonces are kept.
/// - Returns: a function that records each nonce and reports replays.
public func createExistsNonceFunc(_ table: NonceTable) -> ExistsNonceFunction {
    { nonce in table.exists(nonce) }
}
