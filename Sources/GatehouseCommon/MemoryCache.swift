import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An in-process ``KeyValueCache`` bounded in size, for a single server process and for tests.
///
/// Expired entries are dropped lazily on access and when the cache is full; when it is full of live
/// entries the one closest to expiry is evicted.
public final class MemoryCache: KeyValueCache {
    private struct Entry {
        var value: String
        var expiresAt: Double?
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let capacity: Int
    private let clock: @Sendable () -> Double

    /// Creates an empty cache.
    ///
    /// - Parameters:
    ///   - capacity: the most entries kept at once (default 100,000).
    ///   - clock: seconds since an arbitrary epoch; tests pass a fake clock.
    public init(capacity: Int = 100_000, clock: @escaping @Sendable () -> Double = MemoryCache.monotonicSeconds) {
        self.capacity = max(1, capacity)
        self.clock = clock
    }

    public func get(_ key: String) async throws -> String? {
        let now = clock()
        return entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            if let expiresAt = entry.expiresAt, expiresAt <= now {
                entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    public func set(_ key: String, _ value: String, expires: Int?) async throws {
        let now = clock()
        entries.withLock { entries in
            Self.makeRoom(in: &entries, for: key, capacity: capacity, now: now)
            entries[key] = Entry(value: value, expiresAt: expires.map { now + Double($0) })
        }
    }

    public func delete(_ key: String) async throws {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }

    public func add(_ key: String, _ value: String, expires: Int?) async throws -> Bool {
        let now = clock()
        return entries.withLock { entries in
            if let existing = entries[key], existing.expiresAt.map({ $0 > now }) ?? true {
                return false
            }
            Self.makeRoom(in: &entries, for: key, capacity: capacity, now: now)
            entries[key] = Entry(value: value, expiresAt: expires.map { now + Double($0) })
            return true
        }
    }

    /// How many entries are held, expired ones included until they are dropped.
    public var count: Int { entries.withLock { $0.count } }

    private static func makeRoom(in entries: inout [String: Entry], for key: String, capacity: Int, now: Double) {
        guard entries[key] == nil, entries.count >= capacity else { return }
        entries = entries.filter { $0.value.expiresAt.map { $0 > now } ?? true }
        guard entries.count >= capacity else { return }
        let victim = entries.min { ($0.value.expiresAt ?? .infinity) < ($1.value.expiresAt ?? .infinity) }
        if let victim { entries[victim.key] = nil }
    }

    /// Seconds from a monotonic clock, immune to wall-clock changes.
    @Sendable public static func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1_000_000_000
    }
}
