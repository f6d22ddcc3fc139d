import Fluent
import FluentSQLiteDriver
import GatehouseVapor
import OAuth2
import OAuthStores
import SQLKit
import Vapor

let app = try await Application.make(.detect())
app.databases.use(.sqlite(.file("app.sqlite")), as: .sqlite)
// The store runs on Fluent's own pool (`app.db`), not a second one.
guard let database = app.db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "Fluent's driver has no SQL") }
let store = SQLStore(database: database, dialect: .sqlite)
try await store.migrate()
let server = AuthorizationServer(queryClient: store.queryClient, saveToken: store.saveToken)
server.registerGrant(ClientCredentialsGrant())
server.registerEndpoint(store.revocationEndpoint())
let requireOAuth = ResourceProtector()
requireOAuth.registerTokenValidator(store.bearerTokenValidator())

app.post("oauth", "token") { req in await server.createTokenResponse(req) }
app.post("oauth", "revoke") { req in await server.createEndpointResponse("revocation", req) }
app.get(".well-known", "oauth-authorization-server") { _ in server.createMetadataResponse() }
app.grouped(requireOAuth(scope: "profile")).get("api", "me") { req async in req.oauthToken?.clientID ?? "" }
// The purge of expired rows starts after boot and stops at shutdown, before Fluent closes the pool.
app.lifecycle.use(ServiceLifecycleHandler(PurgeService(store: store)))
try await app.execute()
try await app.asyncShutdown()
