import GatehouseHummingbird
import Hummingbird
import OAuth2
import OAuthStores

let store = try await SQLStore.open("app.sqlite")
try await store.migrate()
let server = AuthorizationServer(queryClient: store.queryClient, saveToken: store.saveToken)
server.registerGrant(ClientCredentialsGrant())
server.registerEndpoint(store.revocationEndpoint())
let requireOAuth = ResourceProtector()
requireOAuth.registerTokenValidator(store.bearerTokenValidator())

let router = Router(context: BasicOAuthRequestContext.self)
router.post("oauth/token") { request, context in await server.createTokenResponse(request, context: context) }
router.post("oauth/revoke") { request, context in await server.createEndpointResponse("revocation", request, context: context) }
router.get(".well-known/oauth-authorization-server") { _, _ in server.createMetadataResponse() }
router.group("api/me").add(middleware: requireOAuth(scope: "profile"))
    .get { _, context in context.oauth.token?.clientID ?? "" }
// The purge of expired rows starts and stops with the server, as a Hummingbird service.
let app = Application(router: router, services: [PurgeService(store: store)])
try await app.runService()
try await store.close()
