import DemoModel
import GatehouseCommon
import GatehouseJOSE
import HTTPCore
import OAuth1
import OAuth2
import OAuthMiddleware
import OAuthStores

/// The OAuth 2 bearer guard; global so `MethodView.decorators` (static) can name it, as in Flask.
let requireOAuth = ResourceProtector()
/// The OAuth 1 guard.
let requireOAuth1 = OAuth1ResourceProtector()

/// The demo site: an OAuth 1 + OAuth 2 provider with HTML pages for people and JSON APIs for
/// clients, on one ``SQLStore``.
final class DemoSite: Sendable {
    let app: App
    let store: SQLStore
    let users: UserStore
    let renderer: Renderer
    let server = AuthorizationServer()
    let oauth1 = OAuth1AuthorizationServer()
    /// Password guessing at the login form and the password grant, counted together in the database.
    let passwordThrottle: Throttle
    /// The client side: the remote apps a demo user connects to and their stored tokens.
    let remote: RemoteApps
    /// The provider's JOSE signing keys (RS256 and ES256), shared by every node through the database.
    let keys: SQLKeySetSource

    /// Creates the site.
    ///
    /// - Parameter middleware: installed first, before anything can answer (metrics see every
    ///   status, the 503 of a database outage included).
    init(store: SQLStore, config: Config, origin: String, middleware: [any Middleware] = []) async throws {
        self.store = store
        self.users = UserStore(store: store)
        self.renderer = try Renderer()
        let rules = try Throttle.Rules(config: config)
        self.passwordThrottle = Throttle(name: "password", counter: store.failureCounter(), rules: rules)
        config["OAUTH1_SUPPORTED_SIGNATURE_METHODS"] =
            config.strings("OAUTH1_SUPPORTED_SIGNATURE_METHODS") ?? ["HMAC-SHA1", "RSA-SHA1", "PLAINTEXT"]
        config["OAUTH2_SCOPES_SUPPORTED"] = config.strings("OAUTH2_SCOPES_SUPPORTED") ?? ["profile", "email", "notes"]
        let app = App(config: config)
        self.app = app
        let secret = try await Self.sessionSecret(config: config, store: store)
        remote = try await RemoteApps.make(app: app, store: store, config: config, origin: origin, secret: secret)
        keys = SQLKeySetSource(store: store, sealer: Self.signingKeySealer(secret: secret))
        try await keys.prepare()
        for item in middleware { app.use(item) }
        app.use(DatabaseUnavailable())  // a database outage is a 503, not a 500

        // OAuth 2 provider on the SQL store.
        try server.initApp(app, queryClient: store.queryClient, saveToken: store.saveToken)
        var configuration = server.configuration
        configuration.authorizationEndpoint = origin + "/oauth/authorize"
        configuration.tokenEndpoint = origin + "/oauth/token"
        configuration.revocationEndpoint = origin + "/oauth/revoke"
        configuration.introspectionEndpoint = origin + "/oauth/introspect"
        configuration.jwksURI = origin + "/oauth/jwks"
        configuration.jwtAccessTokens = try Self.jwtAccessTokens(config: config, origin: origin, keys: keys)
        configuration.passwordThrottle = passwordThrottle
        server.configuration = configuration
        let users = self.users
        let loadUser: SQLStore.UserLoader = { id in try await users.find(id: id) }
        server.registerGrant(store.authorizationCodeGrant(authenticateUser: loadUser), extensions: [CodeChallenge()])
        server.registerGrant(ImplicitGrant())
        server.registerGrant(
            store.passwordGrant { username, password in try await users.authenticate(username: username, password: password) }
        )
        server.registerGrant(ClientCredentialsGrant())
        server.registerGrant(store.refreshTokenGrant(authenticateUser: loadUser))
        server.registerEndpoint(store.revocationEndpoint())
        server.registerEndpoint(store.introspectionEndpoint())
        requireOAuth.registerTokenValidator(store.bearerTokenValidator())

        // OAuth 1 provider on the same store.
        try oauth1.initApp(app, hooks: store.oauth1ServerHooks())
        oauth1.configuration.verifierThrottle = Throttle(name: "oauth1_verifier", counter: store.failureCounter(), rules: rules)
        try requireOAuth1.initApp(app, hooks: store.oauth1ResourceProtectorHooks())

        // Sessions live in the shared SQL cache, so several nodes serve one browser.
        let sessions = try SessionMiddleware(
            config: config,
            storage: .server(CacheSessionStore(cache: SQLCache(store: store))),
            secret: secret
        )
        let pages = app.group("", middleware: sessions, SecurityHeaders(), CSRFProtection())
        registerPages(pages)
        registerProvider(pages: pages)
        registerAPI()
        registerConnect(pages)
        registerRemoteApps(pages)
        let keys = self.keys
        app.get("/oauth/jwks") { _ in .json(raw: try await keys.keySet().jwksJSON) }
        app.addService(PurgeService(store: store))
    }

    /// RFC 9068 JWT access tokens when `OAUTH2_ACCESS_TOKEN_FORMAT=jwt` (RS256, `aud` the issuer);
    /// `nil` for the default opaque tokens (`opaque` or unset).
    static func jwtAccessTokens(config: Config, origin: String, keys: SQLKeySetSource) throws -> JWTAccessTokens? {
        switch config.string("OAUTH2_ACCESS_TOKEN_FORMAT")?.lowercased() {
        case nil, "", "opaque": return nil
        case "jwt": return JWTAccessTokens(issuer: config.string("OAUTH2_ISSUER") ?? origin) { try await keys.keySet() }
        case let other?: throw ConfigError.invalidValue(key: "OAUTH2_ACCESS_TOKEN_FORMAT", expected: "jwt or opaque", found: other)
        }
    }

    /// What seals the signing keys at rest: `SECRET_KEY` (or the generated secret), for this purpose only.
    static func signingKeySealer(secret: String) -> SecretSealer {
        SecretSealer(secret: secret, purpose: "oauth2 signing keys")
    }

    /// `SECRET_KEY` from the settings, else one generated once and shared through the database.
    static func sessionSecret(config: Config, store: SQLStore) async throws -> String {
        if let secret = config.string("SECRET_KEY") { return secret }
        return try await sharedValue(store: store, key: "demo:secret_key") { TokenGenerator.generate(length: 48) }
    }

    /// The value under `key` in the shared cache, made by `create` the first time (another node
    /// that wins the race makes it instead, and every node reads that one).
    static func sharedValue(store: SQLStore, key: String, create: () async throws -> String) async throws -> String {
        let cache = SQLCache(store: store)
        if let value = try await cache.get(key) { return value }
        let value = try await create()
        if try await cache.add(key, value, expires: nil) { return value }
        guard let winner = try await cache.get(key) else { throw StoreError.failed("\(key) missing after another node stored it") }
        return winner
    }
}
