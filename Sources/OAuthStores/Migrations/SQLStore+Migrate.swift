import Foundation
import GatehouseCommon
import Logging
import SQLKit

extension SQLStore {
    /// Brings the schema up to date. Idempotent, and safe when several nodes start at once:
    /// PostgreSQL serialises them with an advisory lock, SQLite with its write lock, and each
    /// step is recorded in the same transaction that applies it.
    ///
    /// - Returns: the versions applied by this call (empty when already up to date).
    @discardableResult
    public func migrate(_ migrations: [Migration] = Schema.migrations) async throws -> [Int] {
        let engine = self.engine
        let logger = self.logger
        return try await write { database in
            if engine == .postgres {
                // Held until this transaction ends; a second node waits here, then sees the work done.
                try await database.raw("SELECT pg_advisory_xact_lock(\(unsafeRaw: "7042017"))").run()
            }
            try await database.raw(
                """
                CREATE TABLE IF NOT EXISTS gatehouse_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at \(unsafeRaw: engine.bigint) NOT NULL
                )
                """
            ).run()
            let rows = try await database.raw("SELECT version FROM gatehouse_migrations").all()
            let applied = Set(try rows.map { try $0.decode(column: "version", as: Int.self) })
            var done: [Int] = []
            for migration in migrations.sorted(by: { $0.version < $1.version }) where !applied.contains(migration.version) {
                for statement in migration.statements(engine) {
                    try await database.raw(SQLQueryString(statement)).run()
                }
                let now = self.clock.unixSeconds
                try await database.raw(
                    "INSERT INTO gatehouse_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: now))"
                ).run()
                logger.info("Applied migration \(migration.version) (\(migration.name))")
                done.append(migration.version)
            }
            return done
        }
    }
}
