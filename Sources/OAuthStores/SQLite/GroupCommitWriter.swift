import SQLKit

/// SQLite's one writer, shared by group commit: writes that arrive while a transaction is running
/// wait in a queue, and the next transaction runs all of them at once (`BEGIN IMMEDIATE`, every
/// body in order, one `COMMIT`).
///
/// SQLite allows one writer at a time, so under load each write used to wait for the previous
/// one's three round trips to the database thread (begin, statement, commit). Batching turns that
/// into one round trip per statement plus two per batch, with the same outcome as running the
/// writes one after another: bodies run in arrival order, each sees the writes before it, and a
/// caller resumes only after the commit that made its write durable.
///
/// When a body throws, the whole batch is rolled back and every write in it runs again in a
/// transaction of its own, so the failing one fails alone. A body may therefore run twice; it must
/// have no effects outside the database (``SQLStore/write(_:)`` says so).
///
/// A write that is one statement (``writeStatement(_:)``) and finds itself alone in its batch runs
/// in SQLite's autocommit mode: one round trip instead of three, and no statement journal.
struct GroupCommitWriter: Sendable {
    typealias Body = @Sendable (any SQLDatabase) async throws -> any Sendable

    private struct Work: Sendable {
        var body: Body
        /// The body runs exactly one statement, which SQLite makes atomic by itself.
        var isSingleStatement: Bool
    }

    private let coalescer: Coalescer<Work, any Sendable>

    /// - Parameters:
    ///   - database: the writer connection, or an application's pool: each batch runs in one
    ///     session of it (`withSession`), so its `BEGIN` and `COMMIT` reach the same connection.
    ///   - executor: where transactions run (the writer's own event loop).
    ///   - maximumBatch: the most writes in one transaction.
    init(database: any SQLDatabase, executor: (any TaskExecutor)?, maximumBatch: Int = 256) {
        coalescer = Coalescer(maximumBatch: maximumBatch, executor: executor) { work in
            do {
                return try await database.withSession { session in await Self.run(work, on: session) }
            } catch {
                return work.map { _ in .failure(error) }
            }
        }
    }

    /// Runs `body` in a write transaction, possibly together with other writes; returns once it is
    /// committed.
    func write<Result: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        let value = try await coalescer.submit(Work(body: { try await body($0) }, isSingleStatement: false))
        guard let result = value as? Result else { throw StoreError.unavailable("a write returned an unexpected value") }
        return result
    }

    /// Runs one statement as a write, possibly together with other writes; returns once it is committed.
    func writeStatement(_ statement: SQLQueryString) async throws {
        _ = try await coalescer.submit(Work(body: { try await $0.raw(statement).run() }, isSingleStatement: true))
    }

    private static func run(_ work: [Work], on database: any SQLDatabase) async -> [Result<any Sendable, any Error>] {
        if work.count == 1, work[0].isSingleStatement {
            do {
                return [.success(try await work[0].body(database))]
            } catch {
                return [.failure(error)]
            }
        }
        let bodies = work.map(\.body)
        if bodies.count > 1 {
            var values: [Result<any Sendable, any Error>] = []
            values.reserveCapacity(bodies.count)
            do {
                try await begin(database)
                for body in bodies { values.append(.success(try await body(database))) }
                try await database.raw("COMMIT").run()
                return values
            } catch {
                try? await database.raw("ROLLBACK").run()
            }
        }
        var results: [Result<any Sendable, any Error>] = []
        for body in bodies { results.append(await runAlone(body, on: database)) }
        return results
    }

    private static func runAlone(_ body: Body, on database: any SQLDatabase) async -> Result<any Sendable, any Error> {
        do {
            try await begin(database)
            let value = try await body(database)
            try await database.raw("COMMIT").run()
            return .success(value)
        } catch {
            try? await database.raw("ROLLBACK").run()
            return .failure(error)
        }
    }

    /// IMMEDIATE takes the write lock up front, so another process's writer waits (busy_timeout)
    /// instead of failing half way through.
    private static func begin(_ database: any SQLDatabase) async throws {
        try await database.raw("BEGIN IMMEDIATE").run()
    }
}
