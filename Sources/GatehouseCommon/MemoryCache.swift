/// An in-process ``KeyValueCache`` bounded in size, for a single server process and for tests.
///
/// Expired entries are dropped lazily on access. When the cache is full, the oldest entry written
/// is evicted (first in, first out), in amortized constant time: a nonce cache under load never
/// pays for scanning the whole table.
public final class MemoryCache: KeyValueCache {
    private struct Entry {
        var value: String
        var expiresAt: Double?
        var sequence: UInt64
    }

    /// The entries, and the order they were written in. A queue slot whose sequence no longer
    /// matches its entry is stale (the key was rewritten or deleted) and is skipped.
    private struct Storage {
        var entries: [String: Entry] = [:]
        var order: [(key: String, sequence: UInt64)] = []
        var head = 0
        var nextSequence: UInt64 = 0

        mutating func store(_ key: String, _ value: String, expiresAt: Double?, capacity: Int) {
            if entries[key] == nil {
                while entries.count >= capacity, head < order.count { evictOldest() }
            }
            nextSequence &+= 1
            entries[key] = Entry(value: value, expiresAt: expiresAt, sequence: nextSequence)
            order.append((key, nextSequence))
            compactIfNeeded()
        }

        private mutating func evictOldest() {
            let (key, sequence) = order[head]
            head += 1
            if entries[key]?.sequence == sequence { entries[key] = nil }
        }

        private mutating func compactIfNeeded() {
            // Drop consumed and stale slots once they are the majority: amortized O(1) per write.
            guard order.count > 64, head > order.count / 2 || order.count > 2 * max(entries.count, 32) else { return }
            order = order[head...].filter { entries[$0.key]?.sequence == $0.sequence }
            head = 0
        }
    }

    private let storage = LockedValue(Storage())
    private let capacity: Int
    private let clock: WallClock

    /// Creates an empty cache.
    ///
    /// - Parameters:
    ///   - capacity: the most entries kept at once (default 100,000).
    ///   - clock: the wall clock entries expire by (default ``WallClock/system``); tests pass a
    ///     ``ManualClock``.
    public init(capacity: Int = 100_000, clock: WallClock = .system) {
        self.capacity = max(1, capacity)
        self.clock = clock
    }

    public func get(_ key: String) async throws -> String? {
        let now = clock.secondsSince1970
        return storage.withLock { storage in
            guard let entry = storage.entries[key] else { return nil }
            if let expiresAt = entry.expiresAt, expiresAt <= now {
                storage.entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    public func set(_ key: String, _ value: String, expires: Int?) async throws {
        let now = clock.secondsSince1970
        storage.withLock { $0.store(key, value, expiresAt: expires.map { now + Double($0) }, capacity: capacity) }
    }

    public func delete(_ key: String) async throws {
        _ = storage.withLock { $0.entries.removeValue(forKey: key) }
    }

    public func add(_ key: String, _ value: String, expires: Int?) async throws -> Bool {
        let now = clock.secondsSince1970
        return storage.withLock { storage in
            if let existing = storage.entries[key], existing.expiresAt.map({ $0 > now }) ?? true {
                return false
            }
            storage.store(key, value, expiresAt: expires.map { now + Double($0) }, capacity: capacity)
            return true
        }
    }

    public func take(_ key: String) async throws -> String? {
        let now = clock.secondsSince1970
        return storage.withLock { storage in
            guard let entry = storage.entries.removeValue(forKey: key) else { return nil }
            if let expiresAt = entry.expiresAt, expiresAt <= now { return nil }
            return entry.value
        }
    }

    public func replace(_ key: String, expected: String, with value: String, expires: Int?) async throws -> Bool {
        let now = clock.secondsSince1970
        return storage.withLock { storage in
            guard let entry = storage.entries[key], entry.value == expected,
                entry.expiresAt.map({ $0 > now }) ?? true
            else { return false }
            storage.store(key, value, expiresAt: expires.map { now + Double($0) }, capacity: capacity)
            return true
        }
    }

    /// How many entries are held, expired ones included until they are dropped.
    public var count: Int { storage.withLock { $0.entries.count } }
}
