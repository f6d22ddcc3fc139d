import FoundationEssentials
import GatehouseCommon
public import OAuth1
import SQLKit

extension SQLStore {
    /// Registers an OAuth 1 client with a generated identifier and shared secret.
    ///
    /// The secret is stored in clear (HMAC-SHA1 needs it, RFC 5849 §3.4.2; see ``SQLOAuth1Client``).
    ///
    /// - Parameters:
    ///   - name: the name shown on the authorization page.
    ///   - callbackURIs: the callback URIs `oauth_callback` may name (besides `oob`).
    ///   - rsaPublicKey: a PEM public key, for clients signing with RSA-SHA1.
    ///   - ownerUserID: the application user registering it.
    /// - Returns: the client and its secret.
    /// - Throws: ``StoreError``.
    public func createOAuth1Client(
        name: String,
        callbackURIs: [String],
        rsaPublicKey: String? = nil,
        ownerUserID: String?
    ) async throws -> (client: SQLOAuth1Client, secret: String) {
        let client = SQLOAuth1Client(
            clientID: TokenGenerator.generate(length: 24),
            clientSecret: TokenGenerator.generate(length: 48),
            name: name,
            rsaPublicKey: rsaPublicKey,
            redirectURIs: callbackURIs,
            ownerUserID: ownerUserID,
            issuedAt: UnixTime.date(clock.unixSeconds)
        )
        try await write { database in
            try await database.raw(
                """
                INSERT INTO oauth1_clients (client_id, client_secret, client_name, rsa_public_key, redirect_uris, owner_user_id, issued_at)
                VALUES (\(bind: client.clientID), \(bind: client.clientSecret), \(bind: client.name), \(bind: client.rsaPublicKey),
                    \(bind: StringListColumn.encode(client.redirectURIs)), \(bind: client.ownerUserID),
                    \(bind: UnixTime.seconds(client.issuedAt)))
                """
            ).run()
        }
        return (client, client.clientSecret)
    }

    /// The OAuth 1 client `clientID`, or `nil` (the seed's `query_client`).
    ///
    /// - Throws: ``StoreError``.
    public func oauth1Client(id clientID: String) async throws -> SQLOAuth1Client? {
        try await read { database in
            try await database.raw("SELECT \(unsafeRaw: Self.oauth1ClientColumns) FROM oauth1_clients WHERE client_id = \(bind: clientID)")
                .first().map(Self.oauth1Client(row:))
        }
    }

    /// The OAuth 1 clients a user registered, oldest first.
    ///
    /// - Throws: ``StoreError``.
    public func oauth1Clients(ownerUserID: String) async throws -> [SQLOAuth1Client] {
        try await read { database in
            try await database.raw(
                """
                SELECT \(unsafeRaw: Self.oauth1ClientColumns) FROM oauth1_clients
                WHERE owner_user_id = \(bind: ownerUserID) ORDER BY issued_at, client_id
                """
            ).all().map(Self.oauth1Client(row:))
        }
    }

    /// Deletes an OAuth 1 client and its token credentials.
    ///
    /// - Parameters:
    ///   - clientID: the client.
    ///   - ownerUserID: when set, the client is deleted only if this user owns it.
    /// - Returns: whether a client was deleted.
    /// - Throws: ``StoreError``.
    @discardableResult
    public func deleteOAuth1Client(id clientID: String, ownerUserID: String? = nil) async throws -> Bool {
        try await write { database in
            let rows: [any SQLRow]
            if let ownerUserID {
                rows = try await database.raw(
                    """
                    DELETE FROM oauth1_clients WHERE client_id = \(bind: clientID) AND owner_user_id = \(bind: ownerUserID)
                    RETURNING client_id
                    """
                ).all()
            } else {
                rows = try await database.raw("DELETE FROM oauth1_clients WHERE client_id = \(bind: clientID) RETURNING client_id").all()
            }
            return !rows.isEmpty
        }
    }

    /// Stores a token credential (RFC 5849 §2.3).
    ///
    /// - Returns: the stored credential.
    /// - Throws: ``StoreError``.
    public func insertOAuth1TokenCredential(
        clientID: String,
        oauthToken: String,
        oauthTokenSecret: String,
        userID: String?
    ) async throws -> SQLOAuth1TokenCredential {
        let credential = SQLOAuth1TokenCredential(
            clientID: clientID,
            oauthToken: oauthToken,
            oauthTokenSecret: oauthTokenSecret,
            userID: userID,
            issuedAt: UnixTime.date(clock.unixSeconds)
        )
        try await write { database in
            try await database.raw(
                """
                INSERT INTO oauth1_token_credentials (oauth_token, oauth_token_secret, client_id, user_id, issued_at)
                VALUES (\(bind: oauthToken), \(bind: oauthTokenSecret), \(bind: clientID), \(bind: userID),
                    \(bind: UnixTime.seconds(credential.issuedAt)))
                """
            ).run()
        }
        return credential
    }

    /// The token credential `token` of client `clientID`, or `nil` (the seed's `query_token`).
    ///
    /// ```swift
    /// let protector = OAuth1ResourceProtector(
    ///     queryClient: { try await store.oauth1Client(id: $0) },
    ///     queryToken: { try await store.queryToken(clientID: $0, token: $1) },
    ///     existsNonce: { try await store.existsNonce($0) })
    /// ```
    ///
    /// - Throws: ``StoreError``.
    public func queryToken(clientID: String, token: String) async throws -> SQLOAuth1TokenCredential? {
        try await read { database in
            try await database.raw(
                """
                SELECT \(unsafeRaw: Self.oauth1TokenColumns) FROM oauth1_token_credentials
                WHERE oauth_token = \(bind: token) AND client_id = \(bind: clientID)
                """
            ).first().map(Self.oauth1TokenCredential(row:))
        }
    }

    /// The token credentials a user granted, oldest first (an "authorized applications" page).
    ///
    /// - Throws: ``StoreError``.
    public func oauth1TokenCredentials(userID: String) async throws -> [SQLOAuth1TokenCredential] {
        try await read { database in
            try await database.raw(
                """
                SELECT \(unsafeRaw: Self.oauth1TokenColumns) FROM oauth1_token_credentials
                WHERE user_id = \(bind: userID) ORDER BY issued_at, oauth_token
                """
            ).all().map(Self.oauth1TokenCredential(row:))
        }
    }

    /// Revokes (deletes) a token credential of a user.
    ///
    /// - Parameters:
    ///   - token: the `oauth_token`.
    ///   - userID: the user asking; another user's credential is left alone.
    /// - Returns: whether a credential was deleted.
    /// - Throws: ``StoreError``.
    @discardableResult
    public func revokeOAuth1TokenCredential(_ token: String, userID: String) async throws -> Bool {
        try await write { database in
            try await database.raw(
                "DELETE FROM oauth1_token_credentials WHERE oauth_token = \(bind: token) AND user_id = \(bind: userID) RETURNING oauth_token"
            ).first() != nil
        }
    }

    /// Checks and records a nonce in one atomic statement (RFC 5849 §3.3; the seed's `exists_nonce`):
    /// of two requests with the same nonce, timestamp, client and token, on any nodes, one passes.
    ///
    /// - Parameters:
    ///   - nonce: the nonce with its timestamp, client and token.
    ///   - expires: seconds to remember it; at least the timestamp window. **Default:** one day.
    /// - Returns: `true` when the nonce was already used (a replay).
    /// - Throws: ``StoreError``.
    public func existsNonce(_ nonce: TimestampNonce, expires: Int = 86_400) async throws -> Bool {
        let now = clock.unixSeconds
        let expiresAt = now + expires
        return try await write { database in
            // Insert, or take over a row that expired but was not purged yet; a live row is left
            // alone and no row comes back.
            try await database.raw(
                """
                INSERT INTO oauth1_nonces (nonce, nonce_timestamp, client_id, oauth_token, expires_at)
                VALUES (\(bind: nonce.nonce), \(bind: nonce.timestamp), \(bind: nonce.clientID), \(bind: nonce.oauthToken ?? ""),
                    \(bind: expiresAt))
                ON CONFLICT (nonce, nonce_timestamp, client_id, oauth_token) DO UPDATE SET expires_at = excluded.expires_at
                WHERE oauth1_nonces.expires_at <= \(bind: now)
                RETURNING nonce
                """
            ).first() == nil
        }
    }

    /// The OAuth 1 authorization server hooks over this store.
    ///
    /// - Parameters:
    ///   - temporaryCredentialExpiresIn: seconds a temporary credential is kept. **Default:** one day.
    ///   - nonceExpiresIn: seconds a nonce is remembered. **Default:** one day.
    /// - Returns: the hooks.
    public func oauth1ServerHooks(temporaryCredentialExpiresIn: Int = 86_400, nonceExpiresIn: Int = 86_400) -> SQLOAuth1ServerHooks {
        SQLOAuth1ServerHooks(store: self, temporaryCredentialExpiresIn: temporaryCredentialExpiresIn, nonceExpiresIn: nonceExpiresIn)
    }

    /// The OAuth 1 resource protector hooks over this store.
    ///
    /// - Parameter nonceExpiresIn: seconds a nonce is remembered. **Default:** one day.
    /// - Returns: the hooks.
    public func oauth1ResourceProtectorHooks(nonceExpiresIn: Int = 86_400) -> SQLOAuth1ResourceProtectorHooks {
        SQLOAuth1ResourceProtectorHooks(store: self, nonceExpiresIn: nonceExpiresIn)
    }

    static let oauth1ClientColumns = "client_id, client_secret, client_name, rsa_public_key, redirect_uris, owner_user_id, issued_at"
    static let oauth1TokenColumns = "oauth_token, oauth_token_secret, client_id, user_id, issued_at"

    static func oauth1Client(row: any SQLRow) throws -> SQLOAuth1Client {
        SQLOAuth1Client(
            clientID: try row.decode(column: "client_id", as: String.self),
            clientSecret: try row.decode(column: "client_secret", as: String.self),
            name: try row.decode(column: "client_name", as: String.self),
            rsaPublicKey: try row.decode(column: "rsa_public_key", as: String?.self),
            redirectURIs: StringListColumn.decode(try row.decode(column: "redirect_uris", as: String.self)),
            ownerUserID: try row.decode(column: "owner_user_id", as: String?.self),
            issuedAt: UnixTime.date(try row.decode(column: "issued_at", as: Int.self))
        )
    }

    static func oauth1TokenCredential(row: any SQLRow) throws -> SQLOAuth1TokenCredential {
        SQLOAuth1TokenCredential(
            clientID: try row.decode(column: "client_id", as: String.self),
            oauthToken: try row.decode(column: "oauth_token", as: String.self),
            oauthTokenSecret: try row.decode(column: "oauth_token_secret", as: String.self),
            userID: try row.decode(column: "user_id", as: String?.self),
            issuedAt: UnixTime.date(try row.decode(column: "issued_at", as: Int.self))
        )
    }
}
