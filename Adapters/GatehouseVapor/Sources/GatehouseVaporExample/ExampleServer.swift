import ArgumentParser
import DemoModel
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import GatehouseCommon
import GatehouseConfig
import GatehouseVapor
import OAuth1
import OAuth2
import OAuthStores
import SQLKit
import Vapor

/// The provider API of DemoApp on Vapor, on the same SQL schema and through Fluent's own database
/// (`app.db`): clients and users made with `DemoApp create-client` / `create-user` on a database are
/// served here too.
///
/// `POST /oauth/token` (password, client credentials, refresh), `POST /oauth/revoke`,
/// `POST /oauth/introspect`, `GET /.well-known/oauth-authorization-server`, `GET /api/me` (scope
/// `profile`), `GET /api/oauth1/me` (OAuth 1) and `GET`/`POST /api/notes` (scope `notes`).
/// Command line and settings as ``ExampleServerOptions`` describes them.
@main
struct ExampleServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gatehouse-vapor-example",
        abstract: "DemoApp's provider API served by Gatehouse on Vapor 4."
    )

    @OptionGroup var options: ExampleServerOptions

    func run() async throws {
        let config = try options.config()
        let (host, port, origin, url) = (options.host, options.port, options.origin, options.databaseURL)

        // Vapor's own command line is not used: `serve` with the address given here.
        let app = try await Application.make(Environment(name: "production", arguments: ["gatehouse-vapor-example", "serve"]))
        app.http.server.configuration.hostname = host
        app.http.server.configuration.port = port
        do {
            let store = try await Self.store(on: app, url: url)
            try await store.migrate(Schema.migrations + UserStore.migrations)
            Self.routes(app, try ExampleProvider(store: store, config: config, origin: origin))
            // The purge service starts after boot and stops at shutdown, before Fluent closes the pool.
            app.lifecycle.use(ServiceLifecycleHandler(PurgeService(store: store)))
            print("Gatehouse on Vapor: \(origin) (database \(url))")
            try await app.execute()
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// A store over Fluent's database for `url`: the application keeps one pool.
    static func store(on app: Application, url: String) async throws -> SQLStore {
        let engine: SQLStore.Engine
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url)), as: .psql)
            engine = .postgres
        } else {
            let path = url.hasPrefix("sqlite://") ? String(url.dropFirst("sqlite://".count)) : url
            app.databases.use(.sqlite(path == ":memory:" || path == "sqlite::memory:" ? .memory : .file(path)), as: .sqlite)
            engine = .sqlite
        }
        guard let database = app.db as? any SQLDatabase else { throw ValidationError("Fluent's driver for \(url) does not speak SQL") }
        if engine == .sqlite {
            // As SQLStore.open sets them: readers never block the writer, and a writer from
            // another process (DemoApp's CLI) is waited for instead of failing at once.
            try await database.raw("PRAGMA journal_mode=WAL").run()
            try await database.raw("PRAGMA busy_timeout=5000").run()
        }
        return SQLStore(database: database, dialect: engine)
    }

    /// The provider's routes on `app`.
    static func routes(_ app: Application, _ provider: ExampleProvider) {
        let server = provider.server
        app.post("oauth", "token") { request in await server.createTokenResponse(request) }
        app.post("oauth", "revoke") { request in await server.createEndpointResponse("revocation", request) }
        app.post("oauth", "introspect") { request in await server.createEndpointResponse("introspection", request) }
        app.get(".well-known", "oauth-authorization-server") { _ in server.createMetadataResponse() }
        app.grouped(provider.requireOAuth(scope: "profile")).get("api", "me") { request in
            try await profile(provider, request.oauthToken?.userID)
        }
        app.grouped(provider.requireOAuth1.middleware()).get("api", "oauth1", "me") { request in
            try await profile(provider, request.oauthCredential?.userID)
        }
        let notes = app.grouped(provider.requireOAuth(scope: "notes"))
        notes.get("api", "notes") { request in
            try json(["notes": try await provider.notes.notes(of: try owner(request))])
        }
        notes.post("api", "notes") { request in
            let text = try request.content.decode(NewNote.self).text
            do {
                return try json(try await provider.notes.add(text, for: try owner(request)), status: .created)
            } catch let error as NotesStore.InvalidNote {
                throw Abort(.badRequest, reason: error.description)
            }
        }
    }

    struct NewNote: Decodable {
        var text: String
    }

    /// `{"id": ..., "username": ...}` of the token's user; 403 for a token without one.
    static func profile(_ provider: ExampleProvider, _ userID: String?) async throws -> Response {
        guard let profile = try await provider.profile(of: userID) else {
            throw Abort(.forbidden, reason: "This token does not belong to a user.")
        }
        return try json(profile)
    }

    static func owner(_ request: Request) throws -> String {
        guard let userID = request.oauthToken?.userID else {
            throw Abort(.forbidden, reason: "Notes belong to users; this token has none.")
        }
        return userID
    }

    static func json(_ value: some Encodable, status: HTTPResponseStatus = .ok) throws -> Response {
        Response(
            status: status,
            headers: ["Content-Type": "application/json"],
            body: .init(data: try JSONEncoder().encode(value))
        )
    }
}
