// Several processes serving one site from one PostgreSQL database: the store, sessions, OAuth 1
// temporary credentials and throttling counters all live in the database.

// snippet.hide
import Foundation
import HTTPCore
import OAuth1
import OAuth2
import OAuthMiddleware
import OAuthStores

// snippet.show
// snippet.store
let config = Config.environment()  // DATABASE_URL, SECRET_KEY (the same on every node), OAUTH2_*
guard let url = config.string("DATABASE_URL") else {
    print("Set DATABASE_URL=postgres://user:password@host:5432/database")
    exit(0)
}
let store = try await SQLStore.postgres(url: url, maxConnections: 16)
try await store.migrate()  // serialised across nodes; a node that finds it done does nothing
// snippet.end

// snippet.server
let app = App(config: config)
let server = AuthorizationServer()
let requireOAuth = ResourceProtector()
let oauth1 = OAuth1AuthorizationServer()

// Client look-ups are cached for 5 s per node by default; a deleted client stops working on every
// node within that time (`store.queryClient(cacheLifetime: .zero)` turns the cache off).
try server.initApp(app, queryClient: store.queryClient, saveToken: store.saveToken)
server.registerGrant(store.authorizationCodeGrant(), extensions: [CodeChallenge()])
server.registerGrant(store.refreshTokenGrant())
server.registerEndpoint(store.revocationEndpoint())
// Password and verifier guessing counted in the database, so every node sees every failure.
var configuration = server.configuration
configuration.passwordThrottle = Throttle(name: "password", counter: store.failureCounter(), rules: try Throttle.Rules(config: config))
server.configuration = configuration
// A revoked token stops working on every node within the validator's cache lifetime.
requireOAuth.registerTokenValidator(store.bearerTokenValidator(cacheLifetime: .seconds(5)))
// Temporary credentials and nonces in the database: any node serves the next step of the flow.
try oauth1.initApp(app, hooks: store.oauth1ServerHooks())
// snippet.end

// snippet.sessions
let sessions = try SessionMiddleware(config: config, storage: .server(CacheSessionStore(cache: SQLCache(store: store))))
let pages = app.group("", middleware: sessions, CSRFProtection())
// snippet.end

// snippet.purge
app.addService(PurgeService(store: store))  // expired codes, nonces and tokens, removed in batches
try await app.run(host: "0.0.0.0", port: 8080)
try await store.close()
// snippet.end
