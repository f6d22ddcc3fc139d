import Foundation
import OAuthStores
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

    /// Opens a migrated store; SQLite gets a new file each time.
    func open() async throws -> SQLStore {
        let store: SQLStore
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-test-\(UUID().uuidString).sqlite").path
            store = try await SQLStore.open(path)
        case .postgres:
            guard let url = Self.postgresURL else { throw MissingPostgres() }
            store = try await SQLStore.open(url)
        }
        try await store.migrate()
        return store
    }
}

/// A key no other test uses, so tests can share one PostgreSQL database and run in parallel.
func uniqueKey(_ label: String) -> String { "\(label)-\(UUID().uuidString)" }
