public import FoundationEssentials
import GatehouseCommon
import OAuth2
import SQLKit

extension SQLStore {
    /// The usable token records of a user (access token live, or refresh token still exchangeable),
    /// oldest first. Both tokens appear as digests.
    ///
    /// - Parameters:
    ///   - userID: the resource owner.
    ///   - now: the time to judge expiry at. **Default:** the store's ``clock``.
    /// - Throws: ``StoreError``.
    public func activeOAuth2Tokens(userID: String, now: Date? = nil) async throws -> [SQLOAuth2Token] {
        let seconds = UnixTime.seconds(now ?? clock.now)
        return try await read { database in
            try await database.raw(
                """
                SELECT \(unsafeRaw: Self.oauth2TokenColumns) FROM oauth2_tokens
                WHERE user_id = \(bind: userID) AND (
                    (access_revoked = 0 AND (expires_at IS NULL OR expires_at > \(bind: seconds)))
                    OR (refresh_token_digest IS NOT NULL AND refresh_revoked = 0 AND refresh_rotated = 0
                        AND (refresh_expires_at IS NULL OR refresh_expires_at > \(bind: seconds))))
                ORDER BY issued_at, access_token_digest
                """
            ).all().map { try Self.oauth2Token(row: $0, presented: nil, digest: nil) }
        }
    }

    /// The authorizations a user has given, one per token family with a usable token, oldest first:
    /// what an "authorized applications" page lists.
    ///
    /// - Parameters:
    ///   - userID: the resource owner.
    ///   - now: the time to judge expiry at. **Default:** the store's ``clock``.
    /// - Throws: ``StoreError``.
    public func activeOAuth2Grants(userID: String, now: Date? = nil) async throws -> [OAuth2GrantSummary] {
        let tokens = try await activeOAuth2Tokens(userID: userID, now: now)
        var order: [String] = []
        var families: [String: [SQLOAuth2Token]] = [:]
        for token in tokens {
            let grantID = token.grantID ?? token.accessTokenDigest
            if families[grantID] == nil { order.append(grantID) }
            families[grantID, default: []].append(token)
        }
        var names: [String: String] = [:]
        for clientID in Set(tokens.map(\.clientID)) {
            names[clientID] = try await oauth2Client(id: clientID)?.name
        }
        return order.compactMap { grantID in
            guard let members = families[grantID], let first = members.first, let last = members.last else { return nil }
            return OAuth2GrantSummary(
                grantID: grantID,
                clientID: first.clientID,
                clientName: names[first.clientID],
                scope: Scope.join(Scope.list(members.compactMap(\.scope).joined(separator: " "))),
                firstIssuedAt: first.issuedAt,
                lastIssuedAt: last.issuedAt,
                activeTokenCount: members.count
            )
        }
    }

    /// Withdraws one authorization of a user: revokes every token of the family, but only the
    /// user's own (a user cannot revoke someone else's grant by guessing its id).
    ///
    /// - Parameters:
    ///   - grantID: the family, from ``activeOAuth2Grants(userID:now:)``.
    ///   - userID: the user asking.
    /// - Returns: whether anything was revoked.
    /// - Throws: ``StoreError``.
    @discardableResult
    public func revokeOAuth2Grant(_ grantID: String, userID: String) async throws -> Bool {
        let now = clock.unixSeconds
        defer { noteRevocation() }
        return try await write { database in
            try await database.raw(
                """
                UPDATE oauth2_tokens SET access_revoked = 1, refresh_revoked = 1, revoked_at = COALESCE(revoked_at, \(bind: now))
                WHERE grant_id = \(bind: grantID) AND user_id = \(bind: userID) AND (access_revoked = 0 OR refresh_revoked = 0)
                RETURNING access_token_digest
                """
            ).all().isEmpty == false
        }
    }
}
