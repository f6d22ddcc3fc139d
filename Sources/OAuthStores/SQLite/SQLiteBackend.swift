import GatehouseCommon
import GatehouseNIO
import Logging
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// SQLite: one writer connection fed by a ``GroupCommitWriter`` (SQLite allows one writer; writes
/// that queue up commit together) and a few reader connections that WAL mode lets run alongside it.
///
/// Each backend runs its connections on threads of its own (``DatabaseThreads``), not on the
/// shared NIO pool: a writer waiting in SQLite's busy handler for another process's (or another
/// store's) write lock blocks its thread, and there it could starve the very transaction it waits
/// for; and SQLite's one writer, the serial point of every issuance, must not queue behind reads.
final class SQLiteBackend: SQLBackend {
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let threads: DatabaseThreads
    private let groupCommit: GroupCommitWriter
    let writeExecutor: (any TaskExecutor)?
    private let nextReader = Atomic<Int>(0)
    private let logger: Logger

    private init(
        writer: SQLiteConnection,
        readers: [SQLiteConnection],
        threads: DatabaseThreads,
        logger: Logger
    ) {
        self.writer = writer
        self.readers = readers
        self.threads = threads
        self.logger = logger
        let executor = EventLoopTaskExecutor(eventLoop: writer.eventLoop)
        self.writeExecutor = executor
        self.groupCommit = GroupCommitWriter(database: writer.sql(), executor: executor)
    }

    static func open(path: String?, readers readerCount: Int, checkpointPages: Int, logger: Logger) async throws -> SQLiteBackend {
        // A private in-memory database cannot be shared between connections: one connection serves all.
        let storage: SQLiteConnection.Storage = path.map { .file(path: $0) } ?? .memory
        let readerCount = path == nil ? 0 : max(1, readerCount)
        let threads = DatabaseThreads(readers: readerCount)
        let eventLoop = DatabaseThreads.sharedLoop
        var opened: [SQLiteConnection] = []
        do {
            let writer: SQLiteConnection
            do {
                writer = try await SQLiteConnection.open(
                    storage: storage,
                    threadPool: threads.writerPool,
                    logger: logger,
                    on: threads.writerLoop
                ).get()
            } catch {
                throw StoreError.unavailable("cannot open SQLite database at \(path ?? ":memory:")", underlying: error)
            }
            opened.append(writer)
            try await configure(writer, isWriter: true)
            try await writer.sql().raw("PRAGMA wal_autocheckpoint=\(unsafeRaw: String(max(1, checkpointPages)))").run()
            var readers: [SQLiteConnection] = []
            for _ in 0..<readerCount {
                let reader = try await SQLiteConnection.open(
                    storage: storage,
                    threadPool: threads.readerPool,
                    logger: logger,
                    on: eventLoop
                ).get()
                opened.append(reader)
                try await configure(reader, isWriter: false)
                readers.append(reader)
            }
            return SQLiteBackend(
                writer: writer,
                readers: readers.isEmpty ? [writer] : readers,
                threads: threads,
                logger: logger
            )
        } catch {
            for connection in opened { try? await connection.close() }
            try? await threads.shutdown()
            throw error
        }
    }

    private static func configure(_ connection: SQLiteConnection, isWriter: Bool) async throws {
        let database = connection.sql()
        // WAL: readers do not block the writer. synchronous=NORMAL in WAL mode keeps every
        // committed transaction across a process crash (only an OS crash can lose the last ones).
        if isWriter { try await database.raw("PRAGMA journal_mode=WAL").run() }
        // Statement journals (a multi-statement transaction's undo log per statement) stay in memory.
        try await database.raw("PRAGMA temp_store=MEMORY").run()
        try await database.raw("PRAGMA synchronous=NORMAL").run()
        try await database.raw("PRAGMA busy_timeout=5000").run()
        try await database.raw("PRAGMA foreign_keys=ON").run()
    }

    func read<Result: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        if readers.count == 1, readers[0] === writer {
            return try await groupCommit.write(body)
        }
        let index = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
        return try await body(readers[abs(index % readers.count)].sql())
    }

    func write<Result: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        try await groupCommit.write(body)
    }

    func writeStatement(_ statement: SQLQueryString) async throws {
        try await groupCommit.writeStatement(statement)
    }

    func close() async throws {
        for reader in readers where reader !== writer {
            try await reader.close()
        }
        try await writer.close()
        try await threads.shutdown()
    }
}
