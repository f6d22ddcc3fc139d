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
/// Command line and settings as ``ExampleServerOptions`` describes them.
@main
struct ExampleServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gatehouse-hummingbird-example",
        abstract: "DemoApp's provider API served by Gatehouse on Hummingbird 2."
    )

    @OptionGroup var options: ExampleServerOptions

    func run() async throws {
        let config = try options.config()
        let (host, port, origin, url) = (options.host, options.port, options.origin, options.databaseURL)
        let store = try await SQLStore.open(url)
        try await store.migrate(Schema.migrations + UserStore.migrations)
        let provider = try ExampleProvider(store: store, config: config, origin: origin)
        // The purge service starts and stops with the server, in Hummingbird's service group.
        let app = Application(
            router: Self.router(provider),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            services: [PurgeService(store: store)]
        )
        print("Gatehouse on Hummingbird: \(origin) (database \(url))")
        try await app.runService()
        try await store.close()
    }

    /// The routes of `provider`.
    static func router(_ provider: ExampleProvider) -> Router<BasicOAuthRequestContext> {
        let server = provider.server
        let router = Router(context: BasicOAuthRequestContext.self)
        router.post("oauth/token") { request, context in await server.createTokenResponse(request, context: context) }
        router.post("oauth/revoke") { request, context in await server.createEndpointResponse("revocation", request, context: context) }
        router.post("oauth/introspect") { request, context in
            await server.createEndpointResponse("introspection", request, context: context)
        }
        router.get(".well-known/oauth-authorization-server") { _, _ in server.createMetadataResponse() }
        router.group("api/me").add(middleware: provider.requireOAuth(scope: "profile"))
            .get { _, context in try await profile(provider, context.oauth.token?.userID) }
        router.group("api/oauth1/me").add(middleware: provider.requireOAuth1.middleware())
            .get { _, context in try await profile(provider, context.oauth.credential?.credential.userID) }
        let notesRoutes = router.group("api/notes").add(middleware: provider.requireOAuth(scope: "notes"))
        notesRoutes.get { _, context in
            try json(["notes": try await provider.notes.notes(of: try owner(context))])
        }
        notesRoutes.post { request, context in
            let text = try await request.decode(as: NewNote.self, context: context).text
            do {
                return try json(try await provider.notes.add(text, for: try owner(context)), status: .created)
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
    static func profile(_ provider: ExampleProvider, _ userID: String?) async throws -> Response {
        guard let profile = try await provider.profile(of: userID) else {
            throw HTTPError(.forbidden, message: "This token does not belong to a user.")
        }
        return try json(profile)
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
