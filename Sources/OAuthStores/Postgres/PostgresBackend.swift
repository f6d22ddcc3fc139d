import Foundation
import Logging
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through postgres-nio's `PostgresClient` pool; each write runs in a transaction.
final class PostgresBackend: SQLBackend {
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger
    private let operationTimeout: Duration

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

    /// Runs `operation`, giving up after ``operationTimeout`` (the operation is cancelled, which
    /// also withdraws a pending connection request from the pool).
    private func withDeadline<Result: Sendable>(_ operation: @escaping @Sendable () async throws -> Result) async throws -> Result {
        let timeout = operationTimeout
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                throw StoreError.unavailable("PostgreSQL did not answer within \(timeout)")
            }
            return result
        }
    }

    func close() async throws {
        runner.cancel()
        _ = await runner.value
    }
}
