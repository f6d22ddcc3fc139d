/// Gatehouse's schema, as the ordered list of migrations ``SQLStore/migrate(_:)`` applies.
///
/// Column types are chosen to mean the same on both engines: times are Unix seconds in
/// `BIGINT`, flags are `INTEGER` 0/1, secrets at rest are hex SHA-256 digests in `TEXT`.
public enum Schema {
    /// Every migration, oldest first.
    public static let migrations: [Migration] = [
        Migration(version: 1, name: "cache") { engine in
            [
                """
                CREATE TABLE IF NOT EXISTS gatehouse_cache (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL,
                    expires_at \(engine.bigint)
                )
                """,
                "CREATE INDEX IF NOT EXISTS gatehouse_cache_expires ON gatehouse_cache (expires_at)",
            ]
        },
        oauth2Migration,
        oauth1Migration,
        oauth2PartialTokenIndexesMigration,
        throttlingMigration,
        signingKeysMigration,
    ]
}

extension SQLStore.Engine {
    /// A 64-bit integer column type.
    var bigint: String { self == .postgres ? "BIGINT" : "INTEGER" }
}
