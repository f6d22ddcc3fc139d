import Foundation
import GatehouseCommon
import GatehouseNIO
import Logging
import NIOCore
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through postgres-nio's `PostgresClient` pool; each write runs in a transaction.
///
/// While PostgreSQL is unreachable the pool keeps reconnecting with a back-off, and every request
/// would wait out the whole ``operationTimeout`` for a connection. So once an operation finds the
/// database unavailable, the backend fails every operation at once with
/// ``StoreError/unavailable(_:underlying:)`` while a background probe waits for the pool to
/// reconnect; when the probe gets an answer, operations run again. Requests then answer 503 in
/// milliseconds during an outage and recover on their own when the database returns.
final class PostgresBackend: SQLBackend {
    /// PostgreSQL runs writes concurrently, each in its own transaction: no writer loop.
    var writeExecutor: (any TaskExecutor)? { nil }
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger
    private let operationTimeout: Duration
    /// Whether the database was last found unreachable, and the task probing for its return.
    private let outage = LockedValue(Outage())

    private struct Outage {
        var down = false
        var prober: Task<Void, Never>?
    }

    private init(client: PostgresClient, operationTimeout: Duration, logger: Logger) {
        self.client = client
        self.logger = logger
        self.operationTimeout = operationTimeout
        self.runner = Task { await client.run() }
    }

    /// - Parameter operationTimeout: how long one read or write may wait for a connection and run
    ///   before it fails with ``StoreError/unavailable(_:underlying:)``: while the database is
    ///   down, requests fail fast instead of queueing without end.
    static func connect(
        url: String,
        maxConnections: Int,
        operationTimeout: Duration = .seconds(5),
        logger: Logger
    ) async throws -> PostgresBackend {
        let configuration = try clientConfiguration(url: url, maxConnections: maxConnections)
        let backend = PostgresBackend(
            client: PostgresClient(configuration: configuration, backgroundLogger: logger),
            operationTimeout: operationTimeout,
            logger: logger
        )
        // Fail fast on a wrong address or credentials instead of at the first request.
        do {
            _ = try await backend.read { database in try await database.raw("SELECT 1 AS one").first() }
        } catch {
            try? await backend.close()
            throw StoreError.unavailable("cannot connect to PostgreSQL", underlying: error)
        }
        return backend
    }

    /// Translates a `postgres://` URL (parsed by postgres-kit) into the pool's configuration.
    static func clientConfiguration(url: String, maxConnections: Int) throws -> PostgresClient.Configuration {
        let parsed: SQLPostgresConfiguration
        do { parsed = try SQLPostgresConfiguration(url: url) } catch { throw StoreError.invalidURL("not a PostgreSQL URL") }
        let core = parsed.coreConfiguration
        guard let host = core.host else { throw StoreError.invalidURL("a PostgreSQL URL needs a host") }
        let mode =
            URLComponents(string: url)?.queryItems?.last { ["sslmode", "tlsmode", "ssl", "tls"].contains($0.name.lowercased()) }?.value
            ?? "prefer"
        let tls: PostgresClient.Configuration.TLS
        switch mode {
        case "disable", "false": tls = .disable
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        default: tls = .prefer(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: host,
            port: core.port ?? 5432,
            username: core.username,
            password: core.password,
            database: core.database,
            tls: tls
        )
        configuration.options.maximumConnections = maxConnections
        configuration.options.connectionIdleTimeout = .seconds(60)
        configuration.options.connectTimeout = .seconds(3)
        return configuration
    }

    func read<Result: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        let client = self.client
        return try await withDeadline {
            try await client.withConnection { connection in
                try await body(connection.sql(queryLogLevel: nil))
            }
        }
    }

    func write<Result: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        let (client, logger) = (self.client, self.logger)
        return try await withDeadline {
            try await client.withTransaction(logger: logger) { connection in
                try await body(connection.sql(queryLogLevel: nil))
            }
        }
    }

    /// One statement needs no transaction around it: PostgreSQL runs it atomically, and the two round
    /// trips of `BEGIN` and `COMMIT` are saved.
    func writeStatement(_ statement: SQLQueryString) async throws {
        try await read { database in try await database.raw(statement).run() }
    }

    /// Runs `operation`, giving up after ``operationTimeout`` (the operation is cancelled, which
    /// also withdraws a pending connection request from the pool). While the database is known to
    /// be unreachable, fails at once instead.
    private func withDeadline<Result: Sendable>(_ operation: @escaping @Sendable () async throws -> Result) async throws -> Result {
        if outage.withLock({ $0.down }) { throw StoreError.unavailable("PostgreSQL is unavailable") }
        do {
            return try await runWithDeadline(operation)
        } catch {
            if (error as? StoreError ?? StoreError.wrap(error)).isUnavailable { markDown() }
            throw error
        }
    }

    /// Starts failing fast, and probes in the background until the database answers again.
    private func markDown() {
        let opened = outage.withLock { state -> Bool in
            guard !state.down else { return false }
            state.down = true
            state.prober = Task { await self.probeUntilReachable() }
            return true
        }
        if opened { logger.warning("PostgreSQL is unavailable; failing fast until it answers again") }
    }

    /// `SELECT 1` until it succeeds (each try waits for the pool's reconnection up to the deadline).
    private func probeUntilReachable() async {
        let client = self.client
        while !Task.isCancelled {
            do {
                _ = try await runWithDeadline {
                    try await client.withConnection { connection in
                        try await connection.sql(queryLogLevel: nil).raw("SELECT 1 AS one").first()
                    }
                }
                outage.withLock { $0 = Outage() }
                logger.notice("PostgreSQL answers again")
                return
            } catch {
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// Races `operation` against ``operationTimeout`` and returns as soon as either finishes. The
    /// operation is cancelled on timeout but not awaited: a driver call that ignores cancellation
    /// (one was seen to hang after PostgreSQL restarted) must not hold its caller, or every caller
    /// queued behind it, past the deadline. The timer is an event-loop task, far cheaper than a
    /// sleeping `Task`.
    private func runWithDeadline<Result: Sendable>(_ operation: @escaping @Sendable () async throws -> Result) async throws -> Result {
        let timeout = operationTimeout
        let outcome = Outcome<Result>()
        let work = Task {
            do {
                outcome.finish(.success(try await operation()))
            } catch {
                outcome.finish(.failure(error))
            }
        }
        let timer = DatabaseThreads.sharedLoop.scheduleTask(in: .nanoseconds(Self.nanoseconds(timeout))) {
            outcome.finish(.failure(StoreError.unavailable("PostgreSQL did not answer within \(timeout)")))
            work.cancel()
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await outcome.value
        } onCancel: {
            work.cancel()
            outcome.finish(.failure(CancellationError()))
        }
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    func close() async throws {
        outage.withLock { $0.prober }?.cancel()
        runner.cancel()
        _ = await runner.value
    }
}

/// The first result of a race, handed to the one waiter.
private final class Outcome<Value: Sendable>: Sendable {
    private enum State {
        case pending(CheckedContinuation<Value, any Error>?)
        case finished(Result<Value, any Error>)
    }

    private let state = LockedValue(State.pending(nil))

    /// Records `result` unless one was recorded first, and hands it to the waiter if there is one.
    func finish(_ result: Result<Value, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<Value, any Error>? in
            guard case .pending(let waiter) = state else { return nil }
            state = .finished(result)
            return waiter
        }
        waiter?.resume(with: result)
    }

    /// The first recorded result, waiting for it if needed (one waiter only).
    var value: Value {
        get async throws {
            try await withCheckedThrowingContinuation { continuation in
                let finished = state.withLock { state -> Result<Value, any Error>? in
                    if case .finished(let result) = state { return result }
                    state = .pending(continuation)
                    return nil
                }
                if let finished { continuation.resume(with: finished) }
            }
        }
    }
}
