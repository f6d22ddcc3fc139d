public import GatehouseCommon
public import Logging
public import SQLKit

extension SQLStore {
    /// A store over an application's existing SQLite or PostgreSQL database, so the app keeps one
    /// pool instead of opening a second one (Vapor: `app.db as any SQLDatabase`).
    ///
    /// ```swift
    /// let store = SQLStore(database: app.db as! any SQLDatabase, dialect: .postgres)
    /// try await store.migrate()
    /// ```
    ///
    /// The application owns the connections: ``close()`` leaves them open. Writes run in
    /// transactions of one session (`withSession`); on SQLite, set WAL mode and a `busy_timeout`
    /// on the application's connections when other processes write to the same file.
    ///
    /// - Parameters:
    ///   - database: the application's database.
    ///   - dialect: the engine behind it, for the few statements whose SQL differs.
    ///   - logger: where the store logs.
    ///   - clock: the store's wall clock (``clock``; default ``/GatehouseCommon/WallClock/system``).
    public convenience init(
        database: any SQLDatabase,
        dialect: Engine,
        logger: Logger = Logger(label: "Gatehouse.SQLStore"),
        clock: WallClock = .system
    ) {
        self.init(
            backend: ApplicationDatabaseBackend(database: database, engine: dialect),
            engine: dialect,
            logger: logger,
            clock: clock
        )
    }
}
