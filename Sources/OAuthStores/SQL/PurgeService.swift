public import Logging
public import ServiceLifecycle

/// Purges expired rows periodically (``SQLStore/purgeExpired(now:batchSize:tokenRetention:)``), as a
/// swift-service-lifecycle `Service`: it runs beside the HTTP server in a `ServiceGroup` and stops
/// on graceful shutdown (SIGTERM) or cancellation. A failed purge is logged and retried at the next tick.
///
/// ```swift
/// let group = ServiceGroup(
///     services: [server, PurgeService(store: store, interval: .seconds(300))],
///     gracefulShutdownSignals: [.sigterm], logger: logger)
/// try await group.run()
/// ```
///
/// Several nodes may each run one: purges are idempotent and batched.
public struct PurgeService: Service {
    /// The database.
    public let store: SQLStore
    /// Time between purges. **Default:** 5 minutes.
    public let interval: Duration
    /// Rows per transaction. **Default:** 500.
    public let batchSize: Int
    /// Seconds a dead token record is kept. **Default:** 7 days.
    public let tokenRetention: Int
    /// Where failures are logged.
    public let logger: Logger

    /// Creates the service.
    ///
    /// - Parameters:
    ///   - store: the database.
    ///   - interval: time between purges; the first runs at start.
    ///   - batchSize: rows per transaction.
    ///   - tokenRetention: seconds a dead token record is kept (reuse detection needs it).
    ///   - logger: where failures are logged.
    public init(
        store: SQLStore,
        interval: Duration = .seconds(300),
        batchSize: Int = 500,
        tokenRetention: Int = 7 * 86_400,
        logger: Logger = Logger(label: "Gatehouse.PurgeService")
    ) {
        self.store = store
        self.interval = interval
        self.batchSize = batchSize
        self.tokenRetention = tokenRetention
        self.logger = logger
    }

    /// Purges, then sleeps ``interval``, until graceful shutdown or cancellation; then returns.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await store.purgeExpired(batchSize: batchSize, tokenRetention: tokenRetention)
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("Purge failed", metadata: ["error": "\(String(reflecting: error))"])
                }
                do {
                    try await Task.sleep(for: interval)
                } catch {
                    return
                }
            }
        }
    }
}
