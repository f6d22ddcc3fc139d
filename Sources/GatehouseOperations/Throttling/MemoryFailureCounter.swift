public import GatehouseCommon

/// A ``FailureCounter`` in process memory, bounded in size: for a single server process and tests.
/// Several nodes need a shared counter instead (OAuthStores' `SQLFailureCounter`).
public final class MemoryFailureCounter: FailureCounter {
    private struct Entry {
        var record: FailureRecord
        var forgetAt: Int
    }

    private let entries = LockedValue([String: Entry]())
    private let capacity: Int

    /// Creates an empty counter.
    ///
    /// - Parameter capacity: the most keys kept; when full, forgotten entries are dropped first, then
    ///   the entry whose last failure is oldest.
    public init(capacity: Int = 100_000) {
        self.capacity = max(1, capacity)
    }

    public func records(_ keys: [String], now: Int) async throws -> [String: FailureRecord] {
        entries.withLock { entries in
            var found: [String: FailureRecord] = [:]
            for key in keys {
                if let entry = entries[key], entry.forgetAt > now { found[key] = entry.record }
            }
            return found
        }
    }

    public func recordFailure(_ key: String, now: Int, forgetAfter: Int) async throws -> FailureRecord {
        entries.withLock { entries in
            var count = 1
            if let entry = entries[key], entry.forgetAt > now { count = entry.record.count + 1 }
            if entries[key] == nil, entries.count >= capacity { Self.makeRoom(in: &entries, now: now) }
            let record = FailureRecord(count: count, lastFailure: now)
            entries[key] = Entry(record: record, forgetAt: now + forgetAfter)
            return record
        }
    }

    public func reset(_ key: String) async throws {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }

    /// Drops forgotten entries, or, when none is, the oldest one. Linear, but only when full.
    private static func makeRoom(in entries: inout [String: Entry], now: Int) {
        let before = entries.count
        entries = entries.filter { $0.value.forgetAt > now }
        guard entries.count == before, let oldest = entries.min(by: { $0.value.record.lastFailure < $1.value.record.lastFailure })
        else { return }
        entries[oldest.key] = nil
    }
}
