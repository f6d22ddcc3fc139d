import Logging
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// SQLite: one writer connection behind an ``AsyncLock`` (SQLite allows one writer) and a few
/// reader connections that WAL mode lets run alongside it.
final class SQLiteBackend: SQLBackend {
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let writeLock = AsyncLock()
    private let nextReader = Atomic<Int>(0)
    private let logger: Logger

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], logger: Logger) {
        self.writer = writer
        self.readers = readers
        self.logger = logger
    }

    static func open(path: String?, readers readerCount: Int, logger: Logger) async throws -> SQLiteBackend {
        // A private in-memory database cannot be shared between connections: one connection serves all.
        let storage: SQLiteConnection.Storage = path.map { .file(path: $0) } ?? .memory
        let writer: SQLiteConnection
        do {
            writer = try await SQLiteConnection.open(storage: storage, logger: logger)
        } catch {
            throw StoreError.unavailable("cannot open SQLite database at \(path ?? ":memory:")", underlying: error)
        }
        try await configure(writer, isWriter: true)
        var readers: [SQLiteConnection] = []
        if path != nil {
            for _ in 0..<max(1, readerCount) {
                let reader = try await SQLiteConnection.open(storage: storage, logger: logger)
                try await configure(reader, isWriter: false)
                readers.append(reader)
            }
        }
        return SQLiteBackend(writer: writer, readers: readers.isEmpty ? [writer] : readers, logger: logger)
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
    }
}
