import Fluent
import FluentSQLiteDriver
import FoundationEssentials
import GatehouseTesting
import GatehouseVapor
import NIOCore
import OAuth2
import OAuthStores
import SQLKit
import ServiceLifecycle
import Testing
import Vapor
import VaporTesting

/// The store on Vapor's own database (Fluent's SQLite driver, `app.db`) and a service run by the
/// application's lifecycle.
@Suite struct LifecycleTests {
    /// Reports when it starts and when it returns; runs until cancelled.
    struct RecordingService: Service {
        let events: AsyncStream<String>.Continuation

        func run() async throws {
            events.yield("started")
            let (never, _) = AsyncStream<Void>.makeStream()
            for await _ in never {}
            events.yield("stopped")
        }
    }

    @Test func aServiceStartsAfterBootAndStopsAtShutdown() async throws {
        let app = try await Application.make(.testing)
        let (events, sink) = AsyncStream<String>.makeStream()
        app.lifecycle.use(ServiceLifecycleHandler(RecordingService(events: sink)))
        var iterator = events.makeAsyncIterator()
        try await app.asyncBoot()
        #expect(await iterator.next() == "started")
        try await app.asyncShutdown()
        #expect(await iterator.next() == "stopped")
    }

    @Test func theStoreServesTokensFromFluentsDatabase() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-vapor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withApp { app in
            app.databases.use(.sqlite(.file(directory.appendingPathComponent("app.sqlite").path)), as: .sqlite)
            let database = try #require(app.db as? any SQLDatabase)
            let store = SQLStore(database: database, dialect: .sqlite)
            let provider = try await SQLiteProvider.make(store: store)
            let server = provider.server
            app.post("oauth", "token") { req in await server.createTokenResponse(req) }
            app.grouped(provider.requireOAuth(scope: "profile")).get("api", "me") { req async -> String in
                req.oauthToken?.clientID ?? "-"
            }
            let token = try await BearerGuardTests.token(app, provider)
            try await app.testing().test(.GET, "/api/me", headers: ["Authorization": "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
                #expect(response.body.string == provider.clientID)
            }
            // The token is a row of Fluent's database: the application's pool, not a second one.
            let rows = try await database.raw("SELECT COUNT(*) AS n FROM oauth2_tokens").first()?.decode(column: "n", as: Int.self)
            #expect(rows == 1)
            try await provider.close()
        }
    }
}
