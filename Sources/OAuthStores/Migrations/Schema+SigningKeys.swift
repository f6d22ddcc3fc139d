extension Schema {
    /// `oauth2_signing_keys`: the provider's JOSE signing keys, shared by every node. The private
    /// key is sealed (``SecretSealer``); `retire_at` is `NULL` for the one current key of an
    /// algorithm (a partial unique index keeps it one), else the time until which the key still
    /// verifies and is published.
    static let signingKeysMigration = Migration(version: 6, name: "signing_keys") { engine in
        [
            """
            CREATE TABLE IF NOT EXISTS oauth2_signing_keys (
                kid TEXT PRIMARY KEY,
                alg TEXT NOT NULL,
                private_key TEXT NOT NULL,
                created_at \(engine.bigint) NOT NULL,
                retire_at \(engine.bigint)
            )
            """,
            "CREATE UNIQUE INDEX IF NOT EXISTS oauth2_signing_keys_current ON oauth2_signing_keys (alg) WHERE retire_at IS NULL",
        ]
    }
}
