import Foundation
import Logging
import OAuth2
import OAuthStores
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteKit
import SQLiteNIO
import Testing

/// `SQLStore(database:dialect:)`: the stores over a connection the application opened and owns.
struct ApplicationDatabaseTests {
    /// Opens a connection the way an application would, runs `body` with it, and closes it.
    private func withApplicationDatabase(
        _ database: TestDatabase,
        _ body: (any SQLDatabase) async throws -> Void
    ) async throws {
        let (sql, close): (any SQLDatabase, () async throws -> Void)
        switch database {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-app-\(UUID().uuidString).sqlite").path
            let connection = try await SQLiteConnection.open(storage: .file(path: path))
            (sql, close) = (connection.sql(), { try await connection.close() })
        case .postgres:
            guard let url = TestDatabase.postgresURL else { throw TestDatabase.MissingPostgres() }
            let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Logger(label: "test"))
            (sql, close) = (connection.sql(), { try await connection.close() })
        }
        do {
            try await body(sql)
        } catch {
            try? await close()
            throw error
        }
        try await close()
    }

    @Test(arguments: TestDatabase.enabled)
    func storeOverTheApplicationsDatabaseIssuesAndValidatesTokens(database: TestDatabase) async throws {
        try await withApplicationDatabase(database) { sql in
            let store = SQLStore(database: sql, dialect: database == .sqlite ? .sqlite : .postgres)
            try await store.migrate()
            try await store.migrate()  // idempotent on the application's database too
            let server = StoreFixture.makeServer(store)
            let (client, secret) = try await StoreFixture.makeClient(store)
            let user = uniqueKey("user")
            let response = try await StoreFixture.issueTokens(server, clientID: client.clientID, secret: secret, userID: user)
            #expect(response.status == 200, "\(response.bodyText)")
            let accessToken = try #require(response.string("access_token"))
            let refreshToken = try #require(response.string("refresh_token"))
            let protector = StoreFixture.protector(store.bearerTokenValidator(cacheLifetime: .zero))
            #expect(await StoreFixture.check(protector, accessToken, scope: "profile") == nil)

            // A write transaction (refresh rotation) commits on the application's connection.
            let refreshed = await StoreFixture.refresh(server, refreshToken: refreshToken, clientID: client.clientID, secret: secret)
            #expect(refreshed.status == 200, "\(refreshed.bodyText)")
            #expect(await StoreFixture.check(protector, accessToken) == "invalid_token")

            // The store does not own the connection: closing it leaves the application's open.
            try await store.close()
            let row = try await sql.raw("SELECT 1 AS one").first()
            #expect(try row?.decode(column: "one", as: Int.self) == 1)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func aFailedWriteRollsBackOnTheApplicationsDatabase(database: TestDatabase) async throws {
        try await withApplicationDatabase(database) { sql in
            let store = SQLStore(database: sql, dialect: database == .sqlite ? .sqlite : .postgres)
            try await store.migrate()
            let table = "app_rollback_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try await sql.raw("CREATE TABLE \(unsafeRaw: table) (id INTEGER)").run()
            struct Refused: Error {}
            await #expect(throws: (any Error).self) {
                try await store.write { database in
                    try await database.raw("INSERT INTO \(unsafeRaw: table) (id) VALUES (1)").run()
                    throw Refused()
                }
            }
            let count = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self)
            #expect(count == 0)
            try await store.write { database in try await database.raw("INSERT INTO \(unsafeRaw: table) (id) VALUES (2)").run() }
            let after = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self)
            #expect(after == 1)
            try await sql.raw("DROP TABLE \(unsafeRaw: table)").run()
        }
    }
}
