import SQLKit

/// An application's own `SQLDatabase` (its pool, or Fluent's `app.db as any SQLDatabase`) behind
/// ``SQLStore``. The application owns the connections: the store neither opens nor closes them.
///
/// Writes run in transactions of one session each (`withSession`). On SQLite they also queue
/// through a ``GroupCommitWriter``, so this process never competes with itself for SQLite's one
/// write lock; the application sets the connection's pragmas (WAL, `busy_timeout`) as it needs.
struct ApplicationDatabaseBackend: SQLBackend {
    private let database: any SQLDatabase
    private let groupCommit: GroupCommitWriter?

    init(database: any SQLDatabase, engine: SQLStore.Engine) {
        self.database = database
        self.groupCommit = engine == .sqlite ? GroupCommitWriter(database: database, executor: nil) : nil
    }

    var writeExecutor: (any TaskExecutor)? { nil }

    func read<Result: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        try await body(database)
    }

    func write<Result: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        if let groupCommit { return try await groupCommit.write(body) }
        return try await database.withSession { session in
            try await session.raw("BEGIN").run()
            do {
                let value = try await body(session)
                try await session.raw("COMMIT").run()
                return value
            } catch {
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    func writeStatement(_ statement: SQLQueryString) async throws {
        if let groupCommit { return try await groupCommit.writeStatement(statement) }
        try await database.raw(statement).run()
    }

    /// The application closes its own database.
    func close() async throws {}
}
