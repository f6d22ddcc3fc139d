public import FoundationEssentials
import GatehouseCommon
import Logging
import SQLKit

extension SQLStore {
    /// Deletes what has expired: authorization codes, OAuth 1 nonces, cache entries (temporary
    /// credentials), forgotten failed-attempt counters and long-dead OAuth 2 tokens.
    ///
    /// Rows go in batches of `batchSize`, each in its own short transaction, so requests waiting for
    /// the write lock (SQLite) or for row locks (PostgreSQL) are never held up for long. Used codes
    /// and revoked or rotated tokens are kept until they expire or the retention period passes,
    /// because they are what reuse detection looks for (RFC 6749 §4.1.2, RFC 9700 §4.14.2).
    ///
    /// - Parameters:
    ///   - now: the time to judge expiry at. **Default:** the store's ``clock``.
    ///   - batchSize: rows per transaction. **Default:** 500.
    ///   - tokenRetention: seconds a token record is kept after both its access token and its
    ///     refresh token stopped working (expired, revoked or rotated). **Default:** 7 days.
    /// - Returns: how many rows of each kind were deleted.
    /// - Throws: ``StoreError``, or `CancellationError` when the task is cancelled between batches.
    @discardableResult
    public func purgeExpired(now: Date? = nil, batchSize: Int = 500, tokenRetention: Int = 7 * 86_400) async throws -> PurgeReport {
        let seconds = UnixTime.seconds(now ?? clock.now)
        let cutoff = seconds - tokenRetention
        let limit = max(1, batchSize)
        var report = PurgeReport()
        report.authorizationCodes = try await deleteInBatches(limit: limit) { limit in
            """
            DELETE FROM oauth2_codes WHERE code_digest IN (
                SELECT code_digest FROM oauth2_codes WHERE expires_at <= \(bind: seconds) LIMIT \(unsafeRaw: String(limit)))
            RETURNING code_digest
            """
        }
        report.nonces = try await deleteInBatches(limit: limit) { limit in
            """
            DELETE FROM oauth1_nonces WHERE (nonce, nonce_timestamp, client_id, oauth_token) IN (
                SELECT nonce, nonce_timestamp, client_id, oauth_token FROM oauth1_nonces
                WHERE expires_at <= \(bind: seconds) LIMIT \(unsafeRaw: String(limit)))
            RETURNING nonce
            """
        }
        report.cacheEntries = try await deleteInBatches(limit: limit) { limit in
            """
            DELETE FROM gatehouse_cache WHERE key IN (
                SELECT key FROM gatehouse_cache WHERE expires_at IS NOT NULL AND expires_at <= \(bind: seconds)
                LIMIT \(unsafeRaw: String(limit)))
            RETURNING key
            """
        }
        report.tokens = try await deleteInBatches(limit: limit) { limit in
            """
            DELETE FROM oauth2_tokens WHERE access_token_digest IN (
                SELECT access_token_digest FROM oauth2_tokens
                WHERE ((expires_at IS NOT NULL AND expires_at <= \(bind: cutoff))
                        OR (access_revoked = 1 AND revoked_at <= \(bind: cutoff)))
                    AND (refresh_token_digest IS NULL
                        OR ((refresh_revoked = 1 OR refresh_rotated = 1) AND revoked_at <= \(bind: cutoff))
                        OR (refresh_expires_at IS NOT NULL AND refresh_expires_at <= \(bind: cutoff)))
                LIMIT \(unsafeRaw: String(limit)))
            RETURNING access_token_digest
            """
        }
        report.failureCounters = try await deleteInBatches(limit: limit) { limit in
            """
            DELETE FROM gatehouse_failures WHERE key_digest IN (
                SELECT key_digest FROM gatehouse_failures WHERE forget_at <= \(bind: seconds) LIMIT \(unsafeRaw: String(limit)))
            RETURNING key_digest
            """
        }
        if report.total > 0 {
            logger.debug(
                "Purged expired rows",
                metadata: [
                    "codes": "\(report.authorizationCodes)", "nonces": "\(report.nonces)",
                    "cache": "\(report.cacheEntries)", "tokens": "\(report.tokens)",
                ]
            )
        }
        return report
    }

    /// Runs a `DELETE ... RETURNING` of at most `limit` rows per transaction until a batch comes
    /// back short, yielding between batches.
    private func deleteInBatches(limit: Int, _ statement: @escaping @Sendable (Int) -> SQLQueryString) async throws -> Int {
        var total = 0
        while true {
            try Task.checkCancellation()
            let deleted = try await write { database in
                try await database.raw(statement(limit)).all().count
            }
            total += deleted
            if deleted < limit { return total }
            await Task.yield()
        }
    }
}
