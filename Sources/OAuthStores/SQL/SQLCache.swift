public import GatehouseCommon
import SQLKit

/// A ``/GatehouseCommon/KeyValueCache`` in the `gatehouse_cache` table: shared by every node on the same
/// database, so a temporary credential, nonce or session written by one node is seen by all.
///
/// Expired rows are ignored on read and removed by ``purgeExpired()``.
public struct SQLCache: KeyValueCache {
    private let store: SQLStore
    private let clock: WallClock

    /// Creates a cache on `store` (run ``SQLStore/migrate(_:)`` first).
    ///
    /// - Parameters:
    ///   - store: the database.
    ///   - clock: the wall clock entries expire by. **Default:** the store's ``SQLStore/clock``.
    public init(store: SQLStore, clock: WallClock? = nil) {
        self.store = store
        self.clock = clock ?? store.clock
    }

    public func get(_ key: String) async throws -> String? {
        let now = clock.unixSeconds
        return try await store.read { database in
            try await database.raw(
                "SELECT value FROM gatehouse_cache WHERE key = \(bind: key) AND (expires_at IS NULL OR expires_at > \(bind: now))"
            ).first()?.decode(column: "value", as: String.self)
        }
    }

    public func set(_ key: String, _ value: String, expires: Int?) async throws {
        let now = clock.unixSeconds
        let expiresAt = expires.map { now + $0 }
        try await store.write { database in
            try await database.raw(
                """
                INSERT INTO gatehouse_cache (key, value, expires_at) VALUES (\(bind: key), \(bind: value), \(bind: expiresAt))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
                """
            ).run()
        }
    }

    public func delete(_ key: String) async throws {
        try await store.write { database in
            try await database.raw("DELETE FROM gatehouse_cache WHERE key = \(bind: key)").run()
        }
    }

    public func add(_ key: String, _ value: String, expires: Int?) async throws -> Bool {
        let now = clock.unixSeconds
        let expiresAt = expires.map { now + $0 }
        return try await store.write { database in
            // Insert, or take over an expired entry; a live entry is left alone and no row comes back.
            let row = try await database.raw(
                """
                INSERT INTO gatehouse_cache (key, value, expires_at) VALUES (\(bind: key), \(bind: value), \(bind: expiresAt))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
                WHERE gatehouse_cache.expires_at IS NOT NULL AND gatehouse_cache.expires_at <= \(bind: now)
                RETURNING key
                """
            ).first()
            return row != nil
        }
    }

    public func take(_ key: String) async throws -> String? {
        let now = clock.unixSeconds
        return try await store.write { database in
            // One statement: of two concurrent takes, only one deletes the row and gets it back.
            try await database.raw(
                """
                DELETE FROM gatehouse_cache
                WHERE key = \(bind: key) AND (expires_at IS NULL OR expires_at > \(bind: now))
                RETURNING value
                """
            ).first()?.decode(column: "value", as: String.self)
        }
    }

    public func replace(_ key: String, expected: String, with value: String, expires: Int?) async throws -> Bool {
        let now = clock.unixSeconds
        let expiresAt = expires.map { now + $0 }
        return try await store.write { database in
            let row = try await database.raw(
                """
                UPDATE gatehouse_cache SET value = \(bind: value), expires_at = \(bind: expiresAt)
                WHERE key = \(bind: key) AND value = \(bind: expected)
                AND (expires_at IS NULL OR expires_at > \(bind: now))
                RETURNING key
                """
            ).first()
            return row != nil
        }
    }

    /// Deletes expired entries.
    ///
    /// - Returns: how many were deleted.
    @discardableResult
    public func purgeExpired() async throws -> Int {
        let now = clock.unixSeconds
        return try await store.write { database in
            try await database.raw("DELETE FROM gatehouse_cache WHERE expires_at IS NOT NULL AND expires_at <= \(bind: now) RETURNING key")
                .all().count
        }
    }
}
