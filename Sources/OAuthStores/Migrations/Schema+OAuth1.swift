extension Schema {
    /// Version 3: OAuth 1 clients, token credentials and timestamp-nonces.
    ///
    /// OAuth 1 secrets stay in clear (`client_secret`, `oauth_token_secret`): HMAC-SHA1 and
    /// PLAINTEXT need the shared secret itself to verify a signature (RFC 5849 §3.4.2, §3.4.4), so a
    /// digest would make them unusable. Protect the database file or server accordingly.
    /// Temporary credentials live in `gatehouse_cache` (short-lived, shared by every node).
    static let oauth1Migration = Migration(version: 3, name: "oauth1") { engine in
        [
            """
            CREATE TABLE IF NOT EXISTS oauth1_clients (
                client_id TEXT PRIMARY KEY,
                client_secret TEXT NOT NULL,
                client_name TEXT NOT NULL,
                rsa_public_key TEXT,
                redirect_uris TEXT NOT NULL,
                owner_user_id TEXT,
                issued_at \(engine.bigint) NOT NULL
            )
            """,
            "CREATE INDEX IF NOT EXISTS oauth1_clients_owner ON oauth1_clients (owner_user_id)",
            """
            CREATE TABLE IF NOT EXISTS oauth1_token_credentials (
                oauth_token TEXT PRIMARY KEY,
                oauth_token_secret TEXT NOT NULL,
                client_id TEXT NOT NULL REFERENCES oauth1_clients (client_id) ON DELETE CASCADE,
                user_id TEXT,
                issued_at \(engine.bigint) NOT NULL
            )
            """,
            "CREATE INDEX IF NOT EXISTS oauth1_token_credentials_client ON oauth1_token_credentials (client_id)",
            "CREATE INDEX IF NOT EXISTS oauth1_token_credentials_user ON oauth1_token_credentials (user_id)",
            """
            CREATE TABLE IF NOT EXISTS oauth1_nonces (
                nonce TEXT NOT NULL,
                nonce_timestamp TEXT NOT NULL,
                client_id TEXT NOT NULL,
                oauth_token TEXT NOT NULL,
                expires_at \(engine.bigint) NOT NULL,
                PRIMARY KEY (nonce, nonce_timestamp, client_id, oauth_token)
            )
            """,
            "CREATE INDEX IF NOT EXISTS oauth1_nonces_expires ON oauth1_nonces (expires_at)",
        ]
    }
}
