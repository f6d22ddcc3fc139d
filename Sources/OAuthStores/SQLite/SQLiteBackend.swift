import Logging
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// SQLite: one writer connection behind an ``AsyncLock`` (SQLite allows one writer) and a few
/// reader connections that WAL mode lets run alongside it.
///
/// Each backend runs its connections on a thread pool of its own (one thread per connection):
/// a writer waiting in SQLite's busy handler for another process's (or another store's) write lock
/// blocks its thread, and on the shared NIO pool (one thread per core) that could starve the very
/// transaction it waits for.
final class SQLiteBackend: SQLBackend {
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let threadPool: NIOThreadPool
    private let writeLock = AsyncLock()
    private let nextReader = Atomic<Int>(0)
    private let logger: Logger

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], threadPool: NIOThreadPool, logger: Logger) {
        self.writer = writer
        self.readers = readers
        self.threadPool = threadPool
        self.logger = logger
    }

    static func open(path: String?, readers readerCount: Int, logger: Logger) async throws -> SQLiteBackend {
        // A private in-memory database cannot be shared between connections: one connection serves all.
        let storage: SQLiteConnection.Storage = path.map { .file(path: $0) } ?? .memory
        let readerCount = path == nil ? 0 : max(1, readerCount)
        let threadPool = NIOThreadPool(numberOfThreads: readerCount + 1)
        threadPool.start()
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        var opened: [SQLiteConnection] = []
        do {
            let writer: SQLiteConnection
            do {
                writer = try await SQLiteConnection.open(storage: storage, threadPool: threadPool, logger: logger, on: eventLoop).get()
            } catch {
                throw StoreError.unavailable("cannot open SQLite database at \(path ?? ":memory:")", underlying: error)
            }
            opened.append(writer)
            try await configure(writer, isWriter: true)
            var readers: [SQLiteConnection] = []
            for _ in 0..<readerCount {
                let reader = try await SQLiteConnection.open(storage: storage, threadPool: threadPool, logger: logger, on: eventLoop).get()
                opened.append(reader)
                try await configure(reader, isWriter: false)
                readers.append(reader)
            }
            return SQLiteBackend(writer: writer, readers: readers.isEmpty ? [writer] : readers, threadPool: threadPool, logger: logger)
        } catch {
            for connection in opened { try? await connection.close() }
            try? await threadPool.shutdownGracefully()
            throw error
        }
    }

    private static func configure(_ connection: SQLiteConnection, isWriter: Bool) async throws {
        let database = connection.sql()
        // WAL: readers do not block the writer. synchronous=NORMAL in WAL mode keeps every
        // committed transaction across a process crash (only an OS crash can lose the last ones).
        if isWriter { try await database.raw("PRAGMA journal_mode=WAL").run() }
        try await database.raw("PRAGMA synchronous=NORMAL").run()
        try await database.raw("PRAGMA busy_timeout=5000").run()
        try await database.raw("PRAGMA foreign_keys=ON").run()
    }

    func read<Result: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        if readers.count == 1, readers[0] === writer {
            return try await writeLock.withLock { try await body(writer.sql()) }
        }
        let index = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
        return try await body(readers[abs(index % readers.count)].sql())
    }

    func write<Result: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        try await writeLock.withLock {
            let database = writer.sql()
            // IMMEDIATE takes the write lock up front, so a second process waits (busy_timeout)
            // instead of failing half way through.
            try await database.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await body(database)
                try await database.raw("COMMIT").run()
                return result
            } catch {
                try? await database.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    func close() async throws {
        for reader in readers where reader !== writer {
            try await reader.close()
        }
        try await writer.close()
        try await threadPool.shutdownGracefully()
    }
}
