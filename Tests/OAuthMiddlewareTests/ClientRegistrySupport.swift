import Foundation
import GatehouseCommon
import HTTPCore
import HTTPTypes
import OAuthClient
import OAuthMiddleware
import OAuthTestSupport
import Testing

/// The provider and client site the registry tests run between: Gatehouse's own OAuth 2 and
/// OAuth 1 providers on in-memory stores (run live on loopback), and a client site whose routes
/// use an ``OAuth`` registry (driven in process, with a cookie-keeping test client as the browser).
enum RegistryFixture {
    static let clientID = "registry-app"
    static let clientSecret = "registry-secret"
    static let redirectURI = "https://client.example/authorize"
    static let oauth1ClientID = "registry-oauth1"
    static let oauth1ClientSecret = "registry-oauth1-secret"
    static let oauth1Callback = "https://client.example/authorize-oauth1"
    static let user = AuthorizationServerFixture.user

    final class Provider: Sendable {
        let app: App
        let store: MemoryOAuth2Store
        let server: AuthorizationServer
        /// Header values the provider saw on `/api/headers`.
        let seen = LockedValue<[String]>([])

        init(app: App, store: MemoryOAuth2Store, server: AuthorizationServer) {
            self.app = app
            self.store = store
            self.server = server
        }
    }

    /// A provider; with `issuer`, its metadata and endpoints name that base URL (set before the
    /// provider freezes at its first request).
    static func makeProvider(issuer: String? = nil) throws -> Provider {
        let app = App(
            config: Config([
                "AUTHLIB_INSECURE_TRANSPORT": "1",
                "OAUTH1_SUPPORTED_SIGNATURE_METHODS": ["HMAC-SHA1", "RSA-SHA1", "PLAINTEXT"],
            ])
        )
        let store = MemoryOAuth2Store(
            clients: [
                MemoryClient(clientID: clientID, clientSecret: clientSecret, redirectURIs: [redirectURI]),
                MemoryClient(
                    clientID: "registry-post",
                    clientSecret: "post-secret",
                    redirectURIs: [redirectURI],
                    tokenEndpointAuthMethod: .clientSecretPost
                ),
            ],
            users: [user]
        )
        let server = makeAuthorizationServer(store: store)
        if let issuer {
            var configuration = server.configuration
            configuration.issuer = issuer
            configuration.authorizationEndpoint = issuer + "/oauth/authorize"
            configuration.tokenEndpoint = issuer + "/oauth/token"
            server.configuration = configuration
        }
        try server.initApp(app)
        let requireOAuth = ResourceProtector()
        requireOAuth.registerTokenValidator(MemoryBearerTokenValidator(store: store))
        let holder = LockedValue<Provider?>(nil)

        ProviderRoutes.mountOAuth2(on: app, server: server, requireOAuth: requireOAuth, user: user)
        app.get(
            "/api/headers",
            requireOAuth("profile") { request in
                let value = request.headers[HTTPField.Name("X-Compliance") ?? .accept] ?? "-"
                holder.withLock { $0 }?.seen.withLock { $0.append(value) }
                return .text(value)
            }
        )

        let oauth1Store = InMemoryOAuth1Store(clients: [
            InMemoryOAuth1Client(clientID: oauth1ClientID, clientSecret: oauth1ClientSecret, defaultRedirectURI: oauth1Callback)
        ])
        let oauth1 = OAuth1AuthorizationServer()
        try oauth1.initApp(app, hooks: oauth1Store)
        let requireOAuth1 = OAuth1ResourceProtector()
        try requireOAuth1.initApp(app, hooks: oauth1Store)
        ProviderRoutes.mountOAuth1(on: app, server: oauth1, requireOAuth1: requireOAuth1, user: user)
        let provider = Provider(app: app, store: store, server: server)
        holder.withLock { $0 = provider }
        return provider
    }

    /// Where saved tokens go: name → token, for the one test user.
    final class TokenStore: Sendable {
        let tokens = LockedValue<[String: RemoteToken]>([:])
        let updates = LockedValue<[(name: String, token: Token, previous: Token?)]>([])

        subscript(name: String) -> RemoteToken? {
            get { tokens.withLock { $0[name] } }
            set { tokens.withLock { $0[name] = newValue } }
        }
    }

    /// A client site: `/login/:name`, `/authorize/:name` (Flask style: no request passed),
    /// `/django/login/:name`, `/django/authorize/:name` (request passed), `/api/:name/*` calls.
    /// Sessions are server-side unless `storage` says otherwise.
    static func makeSite(
        _ oauth: OAuth,
        config: Config = Config(),
        tokens: TokenStore,
        storage: SessionMiddleware.Storage = .server(CacheSessionStore())
    ) throws -> App {
        let site = App(config: config)
        site.use(try SessionMiddleware(secret: sessionSecret, storage: storage))
        @Sendable func client(_ request: Request) throws -> RemoteApp {
            guard let client = oauth.createClient(request.parameters["name"] ?? "") else { throw HTTPError(.notFound) }
            return client
        }
        @Sendable func callback(_ name: String) -> String { name.hasPrefix("oauth1") ? oauth1Callback : redirectURI }
        @Sendable func failure(_ error: OAuthClientError) -> Response {
            .text("\(error.code.rawValue):\(error.error ?? "-")", status: .badRequest)
        }
        site.get("/login/:name") { request in
            let client = try client(request)
            return try await client.authorizeRedirect(redirectURI: callback(client.name))
        }
        site.get("/authorize/:name") { request in
            let client = try client(request)
            do {
                let token = try await client.authorizeAccessToken()
                tokens[client.name] = token
                return .text("logged in")
            } catch let error as OAuthClientError { return failure(error) }
        }
        site.get("/django/login/:name") { request in
            try await client(request).authorizeRedirect(request, redirectURI: callback(try client(request).name))
        }
        site.get("/django/authorize/:name") { request in
            let client = try client(request)
            do {
                tokens[client.name] = try await client.authorizeAccessToken(request)
                return .text("logged in")
            } catch let error as OAuthClientError { return failure(error) }
        }
        site.get("/profile/:name") { request in
            let client = try client(request)
            do {
                let path = client.name.hasPrefix("oauth1") ? "api/oauth1/me" : "api/me"
                let response = try await client.get(path)
                return .json(raw: response.body, status: HTTPResponse.Status(code: response.status))
            } catch let error as OAuthClientError { return failure(error) }
        }
        return site
    }

    /// The key the client site signs its session cookies with.
    static let sessionSecret = String(repeating: "s3cret-", count: 6)

    /// `path?query` of an absolute URL.
    static func target(_ url: String) -> String {
        guard let scheme = url.firstRange(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        return rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
    }

    /// The query parameters of a URL.
    static func query(_ url: String) throws -> Parameters {
        guard let mark = url.firstIndex(of: "?") else { return Parameters() }
        return try FormURLEncoding.decode(url[url.index(after: mark)...])
    }

    /// The user at the provider: consents (or not) on the page `location` points to, and returns
    /// the `Location` the provider sends the browser back to.
    static func consent(_ provider: TestClient, at location: String, allow: Bool = true) async throws -> String {
        let response = try await provider.post(target(location), form: [("confirm", allow ? "yes" : "no")])
        #expect(response.status == .found || response.status == .seeOther, "\(response.text)")
        return try #require(response.headers[.location])
    }

    /// The browser follows `/login/name`, the user consents, and the browser reaches the callback:
    /// returns the callback response.
    static func login(
        _ name: String,
        browser: TestClient,
        provider: TestClient,
        prefix: String = ""
    ) async throws -> TestResponse {
        let start = try await browser.get("\(prefix)/login/\(name)")
        #expect(start.status == .found, "\(start.text)")
        let location = try #require(start.headers[.location])
        let back = try await consent(provider, at: location)
        return try await browser.get(prefix + "/authorize/\(name)?" + FormURLEncoding.encode(try query(back)))
    }
}
