import SQLKit

/// The token inserts of an ``SQLStore``: tokens issued at the same time are written with one
/// multi-row `INSERT`, so a burst of issuance costs the database one statement instead of one per
/// token. Each issuer resumes only once its row is committed. If the combined statement fails, every
/// row is inserted again on its own, so one bad row fails alone.
struct OAuth2TokenInserts: Sendable {
    /// One `oauth2_tokens` row: digests only, never the tokens.
    struct Row: Sendable {
        var accessDigest: String
        var refreshDigest: String?
        var tokenType: String
        var scope: String?
        var clientID: String
        var userID: String?
        var grantID: String
        var issuedAt: Int
        var expiresIn: Int
        var expiresAt: Int?
        var refreshExpiresAt: Int?
    }

    /// Runs one data-changing statement (``SQLBackend/writeStatement(_:)``).
    typealias Write = @Sendable (SQLQueryString) async throws -> Void

    private let coalescer: Coalescer<Row, Void>

    /// - Parameters:
    ///   - maximumBatch: the most rows in one statement (11 binds each: far below both engines' limits).
    ///   - executor: where batches are built and sent (SQLite: the writer's event loop).
    ///   - write: runs one statement as a write.
    init(maximumBatch: Int = 128, executor: (any TaskExecutor)?, write: @escaping Write) {
        coalescer = Coalescer(maximumBatch: maximumBatch, executor: executor) { rows in
            do {
                try await write(Self.insert(rows))
                return rows.map { _ in .success(()) }
            } catch {
                guard rows.count > 1 else { return [.failure(error)] }
                var results: [Result<Void, any Error>] = []
                for row in rows {
                    do {
                        try await write(Self.insert([row]))
                        results.append(.success(()))
                    } catch {
                        results.append(.failure(error))
                    }
                }
                return results
            }
        }
    }

    /// Inserts `row`, together with any rows issued at the same moment.
    func insert(_ row: Row) async throws {
        try await coalescer.submit(row)
    }

    private static func insert(_ rows: [Row]) -> SQLQueryString {
        let values = rows.map { row -> SQLQueryString in
            """
            (\(bind: row.accessDigest), \(bind: row.refreshDigest), \(bind: row.tokenType), \(bind: row.scope), \
            \(bind: row.clientID), \(bind: row.userID), \(bind: row.grantID), \(bind: row.issuedAt), \(bind: row.expiresIn), \
            \(bind: row.expiresAt), \(bind: row.refreshExpiresAt))
            """
        }
        let head: SQLQueryString = """
            INSERT INTO oauth2_tokens (access_token_digest, refresh_token_digest, token_type, scope, client_id, user_id,
                grant_id, issued_at, expires_in, expires_at, refresh_expires_at) VALUES 
            """
        return head + values.joined(separator: ", ")
    }
}
