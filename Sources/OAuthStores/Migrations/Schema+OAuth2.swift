extension Schema {
    /// Version 2: OAuth 2 clients, authorization codes and tokens.
    ///
    /// Secrets at rest are SHA-256 hex digests: `client_secret_digest`, `code_digest`,
    /// `access_token_digest`, `refresh_token_digest`; the clear values never reach the database.
    /// Codes and tokens reference their client and go with it (`ON DELETE CASCADE`); users belong
    /// to the application, so only their id is kept.
    static let oauth2Migration = Migration(version: 2, name: "oauth2") { engine in
        [
            """
            CREATE TABLE IF NOT EXISTS oauth2_clients (
                client_id TEXT PRIMARY KEY,
                client_secret_digest TEXT,
                client_name TEXT NOT NULL,
                redirect_uris TEXT NOT NULL,
                grant_types TEXT NOT NULL,
                response_types TEXT NOT NULL,
                scope TEXT NOT NULL,
                token_endpoint_auth_method TEXT NOT NULL,
                owner_user_id TEXT,
                issued_at \(engine.bigint) NOT NULL
            )
            """,
            "CREATE INDEX IF NOT EXISTS oauth2_clients_owner ON oauth2_clients (owner_user_id)",
            """
            CREATE TABLE IF NOT EXISTS oauth2_codes (
                code_digest TEXT PRIMARY KEY,
                client_id TEXT NOT NULL REFERENCES oauth2_clients (client_id) ON DELETE CASCADE,
                user_id TEXT NOT NULL,
                redirect_uri TEXT,
                scope TEXT,
                code_challenge TEXT,
                code_challenge_method TEXT,
                nonce TEXT,
                grant_id TEXT NOT NULL,
                expires_at \(engine.bigint) NOT NULL,
                used INTEGER NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX IF NOT EXISTS oauth2_codes_expires ON oauth2_codes (expires_at)",
            "CREATE INDEX IF NOT EXISTS oauth2_codes_client ON oauth2_codes (client_id)",
            """
            CREATE TABLE IF NOT EXISTS oauth2_tokens (
                access_token_digest TEXT PRIMARY KEY,
                refresh_token_digest TEXT UNIQUE,
                token_type TEXT NOT NULL,
                scope TEXT,
                client_id TEXT NOT NULL REFERENCES oauth2_clients (client_id) ON DELETE CASCADE,
                user_id TEXT,
                grant_id TEXT NOT NULL,
                issued_at \(engine.bigint) NOT NULL,
                expires_in \(engine.bigint) NOT NULL,
                expires_at \(engine.bigint),
                refresh_expires_at \(engine.bigint),
                access_revoked INTEGER NOT NULL DEFAULT 0,
                refresh_revoked INTEGER NOT NULL DEFAULT 0,
                refresh_rotated INTEGER NOT NULL DEFAULT 0,
                revoked_at \(engine.bigint)
            )
            """,
            "CREATE INDEX IF NOT EXISTS oauth2_tokens_grant ON oauth2_tokens (grant_id)",
            "CREATE INDEX IF NOT EXISTS oauth2_tokens_user ON oauth2_tokens (user_id)",
            "CREATE INDEX IF NOT EXISTS oauth2_tokens_client ON oauth2_tokens (client_id)",
            "CREATE INDEX IF NOT EXISTS oauth2_tokens_expires ON oauth2_tokens (expires_at)",
            "CREATE INDEX IF NOT EXISTS oauth2_tokens_revoked ON oauth2_tokens (revoked_at)",
        ]
    }

    /// Version 4: the token indexes on `user_id` and `revoked_at` become partial (`WHERE ... IS NOT
    /// NULL`). Client-credentials tokens have no user and new tokens are not revoked, so issuing
    /// one no longer writes an entry (and a page) in either index; every query on these columns
    /// compares them to a value, which implies `IS NOT NULL`, so both engines still use the indexes.
    static let oauth2PartialTokenIndexesMigration = Migration(version: 4, name: "oauth2_partial_token_indexes") { _ in
        [
            "DROP INDEX IF EXISTS oauth2_tokens_user",
            "CREATE INDEX IF NOT EXISTS oauth2_tokens_user ON oauth2_tokens (user_id) WHERE user_id IS NOT NULL",
            "DROP INDEX IF EXISTS oauth2_tokens_revoked",
            "CREATE INDEX IF NOT EXISTS oauth2_tokens_revoked ON oauth2_tokens (revoked_at) WHERE revoked_at IS NOT NULL",
        ]
    }
}
