public import GatehouseCommon
public import Logging
public import SQLKit
import Synchronization
import Tracing

/// A SQL database for Gatehouse's stores: SQLite embedded by default, PostgreSQL when several
/// server processes share one database. One implementation of every store runs on both, through
/// SQLKit.
///
/// ```swift
/// let store = try await SQLStore.open("gatehouse.sqlite")            // embedded, WAL mode
/// let shared = try await SQLStore.open("postgres://u:p@db:5432/gatehouse")
/// try await store.migrate()                                        // idempotent, run at start-up
/// ```
///
/// Reads may run concurrently; writes run in a transaction through ``write(_:)``, serialised on
/// SQLite (one writer, as SQLite requires) and isolated by PostgreSQL's own transactions.
public final class SQLStore: Sendable {
    /// Which database engine is behind the store.
    public enum Engine: Sendable {
        /// SQLite, embedded.
        case sqlite
        /// PostgreSQL, over the network.
        case postgres
    }

    /// The engine, for the few statements whose SQL differs between the two.
    public let engine: Engine
    /// The wall clock of every time the store writes or compares: issue and revocation times,
    /// token and cache expiry, purges, the lifetime of its look-up caches. Tests pass a
    /// ``/GatehouseCommon/ManualClock``'s; servers using the store should be given the same one.
    public let clock: WallClock
    let logger: Logger
    private let backend: any SQLBackend
    /// Batches the `INSERT`s of tokens issued together.
    let tokenInserts: OAuth2TokenInserts
    private let revocations = Atomic<Int>(0)
    private let clientChanges = Atomic<Int>(0)

    /// Counts the revocations made through this store; bearer validators drop cached look-ups
    /// read before the latest one.
    var revocationEpoch: Int { revocations.load(ordering: .acquiring) }

    /// Records that tokens were revoked (after the change is committed).
    func noteRevocation() {
        revocations.wrappingAdd(1, ordering: .releasing)
    }

    /// Counts the OAuth 2 client deletions made through this store; cached client look-ups read
    /// before the latest one are dropped.
    var clientEpoch: Int { clientChanges.load(ordering: .acquiring) }

    /// Records that a client was deleted (after the change is committed).
    func noteClientChange() {
        clientChanges.wrappingAdd(1, ordering: .releasing)
    }

    init(backend: any SQLBackend, engine: Engine, logger: Logger, clock: WallClock = .system) {
        self.backend = backend
        self.engine = engine
        self.logger = logger
        self.clock = clock
        let system = engine.tracingName
        self.tokenInserts = OAuth2TokenInserts(executor: backend.writeExecutor) { statement in
            do {
                try await withSpan("SQLStore.writeStatement", ofKind: .client) { span in
                    span.attributes["db.system"] = system
                    try await backend.writeStatement(statement)
                }
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError.wrap(error)
            }
        }
    }

    /// Opens the database a URL names: `postgres://user:pass@host:port/db[?sslmode=disable]`,
    /// `sqlite://path`, `sqlite::memory:`, or a plain file path (SQLite).
    ///
    /// - Parameters:
    ///   - url: the database.
    ///   - logger: where the store logs.
    ///   - clock: the store's wall clock (``clock``; default ``/GatehouseCommon/WallClock/system``).
    /// - Throws: ``StoreError`` when the URL is malformed or the database cannot be reached.
    public static func open(
        _ url: String,
        logger: Logger = Logger(label: "Gatehouse.SQLStore"),
        clock: WallClock = .system
    ) async throws -> SQLStore {
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            return try await postgres(url: url, logger: logger, clock: clock)
        }
        if url == "sqlite::memory:" || url == ":memory:" {
            return try await sqlite(path: nil, logger: logger, clock: clock)
        }
        let path = url.hasPrefix("sqlite://") ? String(url.dropFirst("sqlite://".count)) : url
        return try await sqlite(path: path, logger: logger, clock: clock)
    }

    /// Opens (creating if needed) a SQLite file in WAL mode; `nil` opens a private in-memory database.
    ///
    /// - Parameters:
    ///   - path: the database file.
    ///   - readers: connections for reads, beside the one writer.
    ///   - checkpointPages: the write-ahead log's size, in pages (4 KiB), at which a commit copies it
    ///     back into the database file (`PRAGMA wal_autocheckpoint`; SQLite's default is 1,000).
    ///     Each checkpoint writes every page changed since the last one and syncs the file, and the
    ///     commit that runs it waits: with the default 10,000 (about 40 MB of log), a page that
    ///     many tokens touch is written back once instead of ten times and the file is synced a
    ///     tenth as often (token issuance on the benchmark: about a fifth faster), at the cost of a
    ///     longer pause (tens of milliseconds) every few seconds of heavy writing and that much
    ///     disk for the log.
    ///   - logger: where the store logs.
    ///   - clock: the store's wall clock (``clock``; default ``/GatehouseCommon/WallClock/system``).
    public static func sqlite(
        path: String?,
        readers: Int = 2,
        checkpointPages: Int = 10_000,
        logger: Logger = Logger(label: "Gatehouse.SQLStore"),
        clock: WallClock = .system
    ) async throws -> SQLStore {
        let backend = try await SQLiteBackend.open(path: path, readers: readers, checkpointPages: checkpointPages, logger: logger)
        return SQLStore(backend: backend, engine: .sqlite, logger: logger, clock: clock)
    }

    /// Connects a pool to the PostgreSQL database `url` names.
    ///
    /// - Parameters:
    ///   - url: `postgres://user:pass@host:port/db[?sslmode=disable]`.
    ///   - maxConnections: the pool's size.
    ///   - logger: where the store logs.
    ///   - clock: the store's wall clock (``clock``; default ``/GatehouseCommon/WallClock/system``).
    public static func postgres(
        url: String,
        maxConnections: Int = 16,
        logger: Logger = Logger(label: "Gatehouse.SQLStore"),
        clock: WallClock = .system
    ) async throws -> SQLStore {
        let backend = try await PostgresBackend.connect(url: url, maxConnections: maxConnections, logger: logger)
        return SQLStore(backend: backend, engine: .postgres, logger: logger, clock: clock)
    }

    /// Runs `body` with a connection for reading, in a `SQLStore.read` tracing span.
    public func read<Result: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        do {
            return try await withSpan("SQLStore.read", ofKind: .client) { span in
                span.attributes["db.system"] = engine.tracingName
                return try await backend.read(body)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.wrap(error)
        }
    }

    /// Runs `body` in a write transaction, in a `SQLStore.write` tracing span: committed when it
    /// returns, rolled back when it throws.
    ///
    /// On SQLite, writes that arrive together share one transaction (group commit); when one of them
    /// throws, the others run again alone. So `body` may run more than once: it must not have effects
    /// outside the database.
    public func write<Result: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        try await withSpan("SQLStore.write", ofKind: .client) { span in
            span.attributes["db.system"] = engine.tracingName
            return try await Self.write(body, on: backend)
        }
    }

    private static func write<Result: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> Result,
        on backend: any SQLBackend
    ) async throws -> Result {
        do {
            return try await backend.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.wrap(error)
        }
    }

    /// Closes every connection. The store is unusable afterwards.
    public func close() async throws {
        try await backend.close()
    }

    /// Whether the database answers a trivial query (for health checks).
    public func ping() async -> Bool {
        (try? await read { database in try await database.raw("SELECT 1 AS one").first() != nil }) ?? false
    }
}

/// What an engine provides to ``SQLStore``.
protocol SQLBackend: Sendable {
    /// Where batched writes run, when the engine has a writer of its own (SQLite).
    var writeExecutor: (any TaskExecutor)? { get }
    func read<Result: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result
    func write<Result: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result
    /// Runs one data-changing statement, atomic on its own, so the engine may skip the explicit transaction.
    func writeStatement(_ statement: SQLQueryString) async throws
    func close() async throws
}

extension SQLStore.Engine {
    /// The OpenTelemetry `db.system` value of the engine.
    var tracingName: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres: "postgresql"
        }
    }
}
