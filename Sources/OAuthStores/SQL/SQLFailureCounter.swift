import GatehouseCommon
public import GatehouseOperations
import SQLKit

/// A ``/GatehouseOperations/FailureCounter`` in the `gatehouse_failures` table, so that every node behind one database
/// counts failed attempts together: an attacker cannot multiply their guesses by spreading them over
/// nodes. Each failure is one atomic upsert; keys are stored as SHA-256 digests.
///
/// Forgotten rows are ignored on read and removed by ``SQLStore/purgeExpired(now:batchSize:tokenRetention:)``.
///
/// ```swift
/// configuration.passwordThrottle = Throttle(name: "password", counter: store.failureCounter())
/// ```
public struct SQLFailureCounter: FailureCounter {
    private let store: SQLStore

    /// Creates a counter on `store` (run ``SQLStore/migrate(_:)`` first).
    public init(store: SQLStore) {
        self.store = store
    }

    public func records(_ keys: [String], now: Int) async throws -> [String: FailureRecord] {
        let digests = Dictionary(keys.map { (SecretDigest.sha256Hex($0), $0) }, uniquingKeysWith: { first, _ in first })
        guard !digests.isEmpty else { return [:] }
        let rows = try await store.read { database in
            try await database.raw(
                """
                SELECT key_digest, failures, last_failure FROM gatehouse_failures
                WHERE key_digest IN (\(binds: Array(digests.keys))) AND forget_at > \(bind: now)
                """
            ).all()
        }
        var records: [String: FailureRecord] = [:]
        for row in rows {
            let digest = try row.decode(column: "key_digest", as: String.self)
            guard let key = digests[digest] else { continue }
            records[key] = FailureRecord(
                count: try row.decode(column: "failures", as: Int.self),
                lastFailure: try row.decode(column: "last_failure", as: Int.self)
            )
        }
        return records
    }

    public func recordFailure(_ key: String, now: Int, forgetAfter: Int) async throws -> FailureRecord {
        let digest = SecretDigest.sha256Hex(key)
        let forgetAt = now + forgetAfter
        return try await store.write { database in
            // One statement: concurrent failures on any node are all counted; a forgotten row starts over.
            let row = try await database.raw(
                """
                INSERT INTO gatehouse_failures (key_digest, failures, last_failure, forget_at)
                VALUES (\(bind: digest), 1, \(bind: now), \(bind: forgetAt))
                ON CONFLICT (key_digest) DO UPDATE SET
                    failures = CASE WHEN gatehouse_failures.forget_at <= \(bind: now) THEN 1
                        ELSE gatehouse_failures.failures + 1 END,
                    last_failure = excluded.last_failure,
                    forget_at = excluded.forget_at
                RETURNING failures, last_failure
                """
            ).first()
            guard let row else { throw StoreError.failed("failure counter upsert returned no row") }
            return FailureRecord(
                count: try row.decode(column: "failures", as: Int.self),
                lastFailure: try row.decode(column: "last_failure", as: Int.self)
            )
        }
    }

    public func reset(_ key: String) async throws {
        let digest = SecretDigest.sha256Hex(key)
        try await store.write { database in
            try await database.raw("DELETE FROM gatehouse_failures WHERE key_digest = \(bind: digest)").run()
        }
    }
}

extension SQLStore {
    /// A ``SQLFailureCounter`` on this store, for ``/GatehouseOperations/Throttle``s shared by every node.
    public func failureCounter() -> SQLFailureCounter {
        SQLFailureCounter(store: self)
    }
}
