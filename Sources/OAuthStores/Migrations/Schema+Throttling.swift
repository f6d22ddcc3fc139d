extension Schema {
    /// Version 5: failed-attempt counters for brute-force throttling (``SQLFailureCounter``), shared by
    /// every node. Keys are SHA-256 digests, so user names and addresses are not kept in clear.
    static let throttlingMigration = Migration(version: 5, name: "throttling") { engine in
        [
            """
            CREATE TABLE IF NOT EXISTS gatehouse_failures (
                key_digest TEXT PRIMARY KEY,
                failures INTEGER NOT NULL,
                last_failure \(engine.bigint) NOT NULL,
                forget_at \(engine.bigint) NOT NULL
            )
            """,
            "CREATE INDEX IF NOT EXISTS gatehouse_failures_forget ON gatehouse_failures (forget_at)",
        ]
    }
}
