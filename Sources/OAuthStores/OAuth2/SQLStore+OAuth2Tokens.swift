import FoundationEssentials
import GatehouseCommon
public import OAuth2
import SQLKit

extension SQLStore {
    /// The `saveToken` hook of an ``/OAuth2/AuthorizationServer`` (Authlib's `create_save_token_func`):
    /// stores the token's digests with its client, user (`nil` for client credentials), scope,
    /// lifetime and token family. Refresh tokens live until revoked or rotated.
    public var saveToken: AuthorizationServer.SaveToken {
        saveToken(refreshTokenLifetime: nil)
    }

    /// A `saveToken` hook whose refresh tokens expire.
    ///
    /// - Parameter refreshTokenLifetime: seconds a refresh token stays usable after issue; `nil`: until revoked.
    /// - Returns: the hook.
    public func saveToken(refreshTokenLifetime: Int?) -> AuthorizationServer.SaveToken {
        { [self] token, request in
            try await insertOAuth2Token(
                token,
                clientID: request.client.clientID,
                userID: request.user?.userID,
                refreshTokenLifetime: refreshTokenLifetime
            )
        }
    }

    /// Stores an issued token; only the digests of its access and refresh tokens are written.
    /// Tokens issued at the same moment share one `INSERT` (see `OAuth2TokenInserts`).
    ///
    /// - Parameters:
    ///   - token: the token the server issued.
    ///   - clientID: its client.
    ///   - userID: its resource owner, `nil` for client credentials.
    ///   - refreshTokenLifetime: seconds the refresh token lives; `nil`: until revoked.
    /// - Throws: ``StoreError``.
    public func insertOAuth2Token(_ token: IssuedToken, clientID: String, userID: String?, refreshTokenLifetime: Int? = nil) async throws {
        let issuedAt = UnixTime.seconds(token.issuedAt)
        let expiresAt: Int? = token.expiresIn > 0 ? issuedAt + token.expiresIn : nil
        let refreshDigest = token.refreshToken.map(SecretDigest.tokenKey)
        let refreshExpiresAt: Int? = refreshDigest != nil ? refreshTokenLifetime.map { issuedAt + $0 } : nil
        try await tokenInserts.insert(
            OAuth2TokenInserts.Row(
                accessDigest: SecretDigest.tokenKey(token.accessToken),
                refreshDigest: refreshDigest,
                tokenType: token.tokenType,
                scope: token.scope,
                clientID: clientID,
                userID: userID,
                grantID: token.grantID,
                issuedAt: issuedAt,
                expiresIn: token.expiresIn,
                expiresAt: expiresAt,
                refreshExpiresAt: refreshExpiresAt
            )
        )
    }

    /// The record holding this access token, revoked or not; `nil` when unknown.
    ///
    /// - Throws: ``StoreError``.
    public func oauth2Token(accessToken: String) async throws -> SQLOAuth2Token? {
        let digest = SecretDigest.tokenKey(accessToken)
        return try await read { database in
            try await database.raw(
                "SELECT \(unsafeRaw: Self.oauth2TokenColumns) FROM oauth2_tokens WHERE access_token_digest = \(bind: digest)"
            )
            .first().map { try Self.oauth2Token(row: $0, presented: accessToken, digest: digest) }
        }
    }

    /// The record holding this refresh token, revoked or rotated or not (reuse detection needs
    /// both); `nil` when unknown.
    ///
    /// - Throws: ``StoreError``.
    public func oauth2Token(refreshToken: String) async throws -> SQLOAuth2Token? {
        let digest = SecretDigest.tokenKey(refreshToken)
        return try await read { database in
            try await database.raw(
                "SELECT \(unsafeRaw: Self.oauth2TokenColumns) FROM oauth2_tokens WHERE refresh_token_digest = \(bind: digest)"
            )
            .first().map { try Self.oauth2Token(row: $0, presented: refreshToken, digest: digest) }
        }
    }

    /// The record whose access or refresh token is `token` (RFC 7009 §2.1, RFC 7662 §2.1 search both).
    ///
    /// - Throws: ``StoreError``.
    public func oauth2Token(matching token: String) async throws -> SQLOAuth2Token? {
        let digest = SecretDigest.tokenKey(token)
        return try await read { database in
            try await database.raw(
                """
                SELECT \(unsafeRaw: Self.oauth2TokenColumns) FROM oauth2_tokens
                WHERE access_token_digest = \(bind: digest) OR refresh_token_digest = \(bind: digest)
                """
            ).first().map { try Self.oauth2Token(row: $0, presented: token, digest: digest) }
        }
    }

    /// Revokes the access token of one record (RFC 7009 §2.1); its refresh token keeps working.
    func revokeOAuth2AccessToken(digest: String) async throws {
        let now = clock.unixSeconds
        try await write { database in
            try await database.raw(
                """
                UPDATE oauth2_tokens SET access_revoked = 1, revoked_at = COALESCE(revoked_at, \(bind: now))
                WHERE access_token_digest = \(bind: digest)
                """
            ).run()
        }
        noteRevocation()
    }

    /// Revokes both tokens of one record.
    func revokeOAuth2Record(accessTokenDigest digest: String) async throws {
        let now = clock.unixSeconds
        try await write { database in
            try await database.raw(
                """
                UPDATE oauth2_tokens SET access_revoked = 1, refresh_revoked = 1, revoked_at = COALESCE(revoked_at, \(bind: now))
                WHERE access_token_digest = \(bind: digest)
                """
            ).run()
        }
        noteRevocation()
    }

    /// Retires a refresh token after it was exchanged, with one conditional `UPDATE`: of two
    /// concurrent refreshes with the same token, exactly one sees a row come back. The record's
    /// access token is revoked with it.
    ///
    /// - Returns: `false` when the refresh token was already rotated or revoked.
    func rotateOAuth2RefreshToken(accessTokenDigest digest: String) async throws -> Bool {
        let now = clock.unixSeconds
        defer { noteRevocation() }
        return try await write { database in
            try await database.raw(
                """
                UPDATE oauth2_tokens SET refresh_rotated = 1, access_revoked = 1, revoked_at = COALESCE(revoked_at, \(bind: now))
                WHERE access_token_digest = \(bind: digest) AND refresh_rotated = 0 AND refresh_revoked = 0
                RETURNING access_token_digest
                """
            ).first() != nil
        }
    }

    /// Revokes every token of a family: the tokens issued from one authorization and all its
    /// refreshes (RFC 9700 §4.14.2; a reused code or refresh token, or the user withdrawing consent).
    ///
    /// - Parameter grantID: the family.
    /// - Returns: how many records changed.
    /// - Throws: ``StoreError``.
    @discardableResult
    public func revokeOAuth2Tokens(grantID: String) async throws -> Int {
        let now = clock.unixSeconds
        defer { noteRevocation() }
        return try await write { database in
            try await database.raw(
                """
                UPDATE oauth2_tokens SET access_revoked = 1, refresh_revoked = 1, revoked_at = COALESCE(revoked_at, \(bind: now))
                WHERE grant_id = \(bind: grantID) AND (access_revoked = 0 OR refresh_revoked = 0)
                RETURNING access_token_digest
                """
            ).all().count
        }
    }

    static let oauth2TokenColumns = """
        access_token_digest, refresh_token_digest, token_type, scope, client_id, user_id, grant_id, issued_at, expires_in, \
        refresh_expires_at, access_revoked, refresh_revoked, refresh_rotated, revoked_at
        """

    /// Decodes a token row; `presented` is the clear token whose digest is `digest`.
    static func oauth2Token(row: any SQLRow, presented: String?, digest: String?) throws -> SQLOAuth2Token {
        let accessDigest = try row.decode(column: "access_token_digest", as: String.self)
        let refreshDigest = try row.decode(column: "refresh_token_digest", as: String?.self)
        let lookupKey: SQLOAuth2Token.LookupKey =
            if digest == accessDigest { .accessToken } else if digest != nil, digest == refreshDigest { .refreshToken } else { .none }
        return SQLOAuth2Token(
            accessToken: lookupKey == .accessToken ? presented ?? accessDigest : accessDigest,
            refreshToken: lookupKey == .refreshToken ? presented : refreshDigest,
            accessTokenDigest: accessDigest,
            refreshTokenDigest: refreshDigest,
            lookupKey: lookupKey,
            tokenType: try row.decode(column: "token_type", as: String.self),
            scope: try row.decode(column: "scope", as: String?.self),
            clientID: try row.decode(column: "client_id", as: String.self),
            userID: try row.decode(column: "user_id", as: String?.self),
            grantID: try row.decode(column: "grant_id", as: String.self),
            issuedAt: UnixTime.date(try row.decode(column: "issued_at", as: Int.self)),
            expiresIn: try row.decode(column: "expires_in", as: Int.self),
            refreshTokenExpiresAt: try row.decode(column: "refresh_expires_at", as: Int?.self).map(UnixTime.date),
            isAccessTokenRevoked: try row.decode(column: "access_revoked", as: Int.self) != 0,
            isRefreshTokenRevoked: try row.decode(column: "refresh_revoked", as: Int.self) != 0,
            isRefreshTokenRotated: try row.decode(column: "refresh_rotated", as: Int.self) != 0,
            revokedAt: try row.decode(column: "revoked_at", as: Int?.self).map(UnixTime.date)
        )
    }
}
