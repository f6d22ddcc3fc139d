import FoundationEssentials

/// A bounded, in-process cache of database look-ups (tokens, clients) with a short lifetime.
///
/// An entry is served for at most ``lifetime`` after it was read from the database, by the cache's
/// ``clock`` (the store's, so a ``/GatehouseCommon/ManualClock`` in tests decides when it ends), so a token
/// revoked (or a client deleted) on any node stops working here within that lifetime; a change made
/// through this process's store ends it at once: each entry remembers the store's epoch for that
/// kind of record from before it was read, and an entry of an older epoch is dropped. When ``capacity`` is reached,
/// expired entries are dropped first, then arbitrary ones (a dictionary's order is random), so
/// memory stays bounded under a flood of distinct tokens.
///
/// The stores use it for tokens and clients; an application can use it for its own rows read on
/// every request (DemoApp caches its users for `/api/me`). Pass epoch 0 when nothing invalidates.
///
/// ```swift
/// let users = LookupCache<String, User>(lifetime: .seconds(5), capacity: 10_000)
/// if let user = users.value(for: id, epoch: 0) { return user }
/// ```
public final class LookupCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var value: Value
        var expiresAt: Date
        var epoch: Int
    }

    private let entries = LockedValue<[Key: Entry]>([:])
    /// How long an entry is served.
    public let lifetime: Duration
    /// The most entries kept.
    public let capacity: Int
    /// The wall clock lifetimes are judged by.
    public let clock: WallClock
    private let lifetimeSeconds: Double

    /// Creates an empty cache.
    ///
    /// - Parameters:
    ///   - lifetime: how long an entry is served after it was read.
    ///   - capacity: the most entries kept.
    ///   - clock: the wall clock lifetimes are judged by (default ``/GatehouseCommon/WallClock/system``; the stores
    ///     pass theirs).
    public init(lifetime: Duration, capacity: Int, clock: WallClock = .system) {
        self.lifetime = lifetime
        self.capacity = max(1, capacity)
        self.clock = clock
        self.lifetimeSeconds = lifetime.inSeconds
    }

    /// The live value for `key`, if any, read while the epoch was `epoch`.
    public func value(for key: Key, epoch: Int) -> Value? {
        let now = clock.now
        return entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard entry.expiresAt > now, entry.epoch == epoch else {
                entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    /// Stores `value` for ``lifetime``; `epoch` is the epoch from before it was read.
    public func store(_ value: Value, for key: Key, epoch: Int) {
        let now = clock.now
        let capacity = self.capacity
        let entry = Entry(value: value, expiresAt: now.addingTimeInterval(lifetimeSeconds), epoch: epoch)
        entries.withLock { entries in
            if entries[key] == nil, entries.count >= capacity {
                entries = entries.filter { $0.value.expiresAt > now }
                if entries.count >= capacity {
                    // Drop about a tenth at once so a full cache does not evict on every insert.
                    for key in entries.keys.prefix(max(1, capacity / 10)) { entries[key] = nil }
                }
            }
            entries[key] = entry
        }
    }

    /// How many entries are held (expired ones included until touched).
    public var count: Int { entries.withLock { $0.count } }
}
