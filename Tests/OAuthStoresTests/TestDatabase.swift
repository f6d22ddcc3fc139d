import Foundation
import GatehouseCommon
import OAuthStores
import SQLKit
import Testing

/// The databases the store tests run against: a fresh SQLite file, and the PostgreSQL server the
/// test command starts (`GATEHOUSE_TEST_POSTGRES_URL`). Without that variable the PostgreSQL cases
/// fail, so a CI run can never pass without them; `GATEHOUSE_SKIP_POSTGRES=1` turns them off
/// explicitly for a quick local run.
enum TestDatabase: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    static var postgresURL: String? { ProcessInfo.processInfo.environment["GATEHOUSE_TEST_POSTGRES_URL"] }
    static var skipPostgres: Bool { ProcessInfo.processInfo.environment["GATEHOUSE_SKIP_POSTGRES"] == "1" }

    /// The engines to run: both, unless PostgreSQL was explicitly skipped.
    static var enabled: [TestDatabase] { skipPostgres ? [.sqlite] : allCases }

    var testDescription: String { rawValue }

    struct MissingPostgres: Error, CustomStringConvertible {
        var description: String {
            "GATEHOUSE_TEST_POSTGRES_URL is not set: run the tests through scripts/test, which starts PostgreSQL"
        }
    }

    /// Opens a migrated store on `clock`; SQLite gets a new file each time.
    func open(clock: WallClock = .system) async throws -> SQLStore {
        let store: SQLStore
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-test-\(UUID().uuidString).sqlite").path
            store = try await SQLStore.open(path, clock: clock)
        case .postgres:
            guard let url = Self.postgresURL else { throw MissingPostgres() }
            store = try await SQLStore.open(url, clock: clock)
        }
        try await store.migrate()
        return store
    }

    /// Opens a migrated store on a database of its own, for tests that purge "in the future" and so
    /// must not touch the rows of tests running in parallel: a new SQLite file, or a new PostgreSQL
    /// database on the test server.
    func openIsolated(clock: WallClock = .system) async throws -> SQLStore {
        guard self == .postgres else { return try await open(clock: clock) }
        let store = try await SQLStore.open(try await Self.newPostgresDatabase(), clock: clock)
        try await store.migrate()
        return store
    }

    /// The URL of a new, empty database on the PostgreSQL test server.
    static func newPostgresDatabase() async throws -> String {
        guard let url = Self.postgresURL, let slash = url.lastIndex(of: "/") else { throw MissingPostgres() }
        let name = "gatehouse_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let admin = try await SQLStore.open(url)
        // CREATE DATABASE cannot run in a transaction: use a plain connection.
        try await admin.read { database in try await database.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
        try await admin.close()
        let rest = url[slash...].drop { $0 != "?" }
        return String(url[..<slash]) + "/" + name + rest
    }

    /// Opens two handles on one database, as two server nodes would: the same SQLite file, or two
    /// connection pools on the PostgreSQL server.
    func openTwoNodes(isolated: Bool = false, clock: WallClock = .system) async throws -> (SQLStore, SQLStore) {
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-test-\(UUID().uuidString).sqlite").path
            let first = try await SQLStore.open(path, clock: clock)
            try await first.migrate()
            let second = try await SQLStore.open(path, clock: clock)
            try await second.migrate()
            return (first, second)
        case .postgres where isolated:
            let url = try await Self.newPostgresDatabase()
            let first = try await SQLStore.open(url, clock: clock)
            try await first.migrate()
            return (first, try await SQLStore.open(url, clock: clock))
        case .postgres:
            return (try await open(clock: clock), try await open(clock: clock))
        }
    }
}

/// A key no other test uses, so tests can share one PostgreSQL database and run in parallel.
func uniqueKey(_ label: String) -> String { "\(label)-\(UUID().uuidString)" }

extension TestDatabase {
    /// Runs `body` with a migrated store and closes it whether `body` succeeds or throws (SQLite
    /// connections must be closed before they are released).
    func withStore(isolated: Bool = false, clock: WallClock = .system, _ body: (SQLStore) async throws -> Void) async throws {
        let store = try await isolated ? openIsolated(clock: clock) : open(clock: clock)
        do {
            try await body(store)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }

    /// Runs `body` with two handles on one database (two nodes) and closes both afterwards.
    func withTwoNodes(isolated: Bool = false, clock: WallClock = .system, _ body: (SQLStore, SQLStore) async throws -> Void) async throws {
        let (first, second) = try await openTwoNodes(isolated: isolated, clock: clock)
        do {
            try await body(first, second)
        } catch {
            try? await first.close()
            try? await second.close()
            throw error
        }
        try await first.close()
        try await second.close()
    }
}
