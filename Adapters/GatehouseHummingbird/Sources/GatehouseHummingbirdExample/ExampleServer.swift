import ArgumentParser
import DemoModel
import Foundation
import GatehouseCommon
import GatehouseConfig
import GatehouseHummingbird
import Hummingbird
import OAuth1
import OAuth2
import OAuthIntegration
import OAuthStores

/// The provider API of DemoApp on Hummingbird, on the same SQL schema: clients and users made with
/// `DemoApp create-client` / `create-user` on a database are served here too.
///
/// `POST /oauth/token` (password, client credentials, refresh), `POST /oauth/revoke`,
/// `POST /oauth/introspect`, `GET /.well-known/oauth-authorization-server`, `GET /api/me` (scope
/// `profile`), `GET /api/oauth1/me` (OAuth 1) and `GET`/`POST /api/notes` (scope `notes`).
/// Settings come from the environment (`OAUTH2_*`, `OAUTH1_*`, `AUTHLIB_INSECURE_TRANSPORT`); on a
/// loopback address plain http is accepted for requests to a loopback host, as DemoApp does.
@main
struct ExampleServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gatehouse-hummingbird-example",
        abstract: "DemoApp's provider API served by Gatehouse on Hummingbird 2."
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(
        help: "Database URL: a SQLite file path (default gatehouse-demo.sqlite) or postgres://user:pass@host:port/db (also DATABASE_URL)."
    )
    var database: String?

    func run() async throws {
        let config = Config.environment()
        guard LoopbackHost.isLoopback(host) || config.isSet("AUTHLIB_INSECURE_TRANSPORT") else {
            throw ValidationError("refusing plain http on \(host): set AUTHLIB_INSECURE_TRANSPORT, or serve on a loopback address")
        }
        if !config.isSet("AUTHLIB_INSECURE_TRANSPORT") { config["AUTHLIB_INSECURE_TRANSPORT"] = "loopback" }
        let origin = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        if config.string("OAUTH2_ISSUER") == nil { config["OAUTH2_ISSUER"] = origin }

        let url = database ?? ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "gatehouse-demo.sqlite"
        let store = try await SQLStore.open(url)
        try await store.migrate(Schema.migrations + UserStore.migrations)
        let router = try Self.router(store: store, config: config, origin: origin)
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil))
        print("Gatehouse on Hummingbird: \(origin) (database \(url))")
        try await app.runService()
        try await store.close()
    }

    /// The routes, on `store`, with the settings of `config`.
    static func router(store: SQLStore, config: Config, origin: String) throws -> Router<BasicOAuthRequestContext> {
        let users = UserStore(store: store)
        let notes = NotesStore(store: store)
        let loadUser: SQLStore.UserLoader = { id in try await users.find(id: id) }

        let server = AuthorizationServer(queryClient: store.queryClient, saveToken: store.saveToken)
        var settings = try AuthorizationServer.configuration(from: config, base: server.configuration)
        settings.tokenEndpoint = origin + "/oauth/token"
        settings.revocationEndpoint = origin + "/oauth/revoke"
        settings.introspectionEndpoint = origin + "/oauth/introspect"
        server.configuration = settings
        server.registerGrant(
            store.passwordGrant { username, password in try await users.authenticate(username: username, password: password) }
        )
        server.registerGrant(ClientCredentialsGrant())
        server.registerGrant(store.refreshTokenGrant(authenticateUser: loadUser))
        server.registerEndpoint(store.revocationEndpoint())
        server.registerEndpoint(store.introspectionEndpoint())
        let requireOAuth = ResourceProtector()
        requireOAuth.registerTokenValidator(store.bearerTokenValidator())
        let requireOAuth1 = OAuth1ResourceProtector(hooks: store.oauth1ResourceProtectorHooks())
        requireOAuth1.configuration = try OAuth1ResourceProtector.configuration(from: config, base: requireOAuth1.configuration)

        let router = Router(context: BasicOAuthRequestContext.self)
        router.post("oauth/token") { request, context in await server.createTokenResponse(request, context: context) }
        router.post("oauth/revoke") { request, context in await server.createEndpointResponse("revocation", request, context: context) }
        router.post("oauth/introspect") { request, context in
            await server.createEndpointResponse("introspection", request, context: context)
        }
        router.get(".well-known/oauth-authorization-server") { _, _ in server.createMetadataResponse() }
        router.group("api/me").add(middleware: requireOAuth(scope: "profile"))
            .get { _, context in try await profile(users, context.oauth.token?.userID) }
        router.group("api/oauth1/me").add(middleware: requireOAuth1.middleware())
            .get { _, context in try await profile(users, context.oauth.credential?.credential.userID) }
        let notesRoutes = router.group("api/notes").add(middleware: requireOAuth(scope: "notes"))
        notesRoutes.get { _, context in
            try json(["notes": try await notes.notes(of: try owner(context))])
        }
        notesRoutes.post { request, context in
            let text = try await request.decode(as: NewNote.self, context: context).text
            do {
                return try json(try await notes.add(text, for: try owner(context)), status: .created)
            } catch let error as NotesStore.InvalidNote {
                throw HTTPError(.badRequest, message: error.description)
            }
        }
        return router
    }

    struct NewNote: Decodable {
        var text: String
    }

    /// `{"id": ..., "username": ...}` of the token's user; 403 for a token without one.
    static func profile(_ users: UserStore, _ userID: String?) async throws -> Response {
        guard let userID, let user = try await users.find(id: userID) else {
            throw HTTPError(.forbidden, message: "This token does not belong to a user.")
        }
        return try json(["id": user.userID, "username": user.username])
    }

    static func owner(_ context: BasicOAuthRequestContext) throws -> String {
        guard let userID = context.oauth.token?.userID else {
            throw HTTPError(.forbidden, message: "Notes belong to users; this token has none.")
        }
        return userID
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(value)))
        )
    }
}
