import Foundation
import GatehouseCommon
import HTTPCore
import HTTPTypes
import OAuthMiddleware
import OAuthTestSupport
import Testing

struct OAuth1Provider {
    static let client = InMemoryOAuth1Client(
        clientID: "dpf43f3p2l4k3l03",
        clientSecret: "kd94hf93k423kf44",
        defaultRedirectURI: "https://printer.example.com/ready"
    )
    let app: App
    let store: InMemoryOAuth1Store

    init(config: [String: any Sendable] = [:]) throws {
        store = InMemoryOAuth1Store(clients: [Self.client])
        app = App(config: Config(config))
        let server = OAuth1AuthorizationServer()
        try server.initApp(app, hooks: store)
        let requireOAuth1 = OAuth1ResourceProtector()
        try requireOAuth1.initApp(app, hooks: store)

        app.post("/oauth1/initiate") { request in await server.createTemporaryCredentialsResponse(request) }
        app.get("/oauth1/authorize") { request in
            let credential = try await server.checkAuthorizationRequest(request)
            return .text("authorize \(credential.clientID)?")
        }
        app.post("/oauth1/authorize") { request in
            await server.createAuthorizationResponse(request, grantUser: try request.form()["confirm"] == "yes" ? "user-1" : nil)
        }
        app.post("/oauth1/token") { request in await server.createTokenResponse(request) }
        app.get("/api/oauth1/me", requireOAuth1 { _ in .text("me=\(currentCredential?.userID ?? "nil")") })
    }

    /// The `Authorization: OAuth ...` header for a request to `path` signed by `signer`.
    static func authorization(_ signer: OAuth1RequestSigner, method: String, path: String, extra: Parameters = [:]) throws -> HTTPFields {
        let parameters = try signer.signedParameters(
            method: method,
            uri: "https://localhost" + path,
            body: nil,
            protocolParameters: extra,
            timestamp: nil,
            nonce: nil
        )
        return [.authorization: OAuth1AuthorizationHeader.render(parameters, realm: nil)]
    }
}

struct OAuth1ProviderTests {
    @Test func threeLeggedFlowThenProtectedCall() async throws {
        let provider = try OAuth1Provider()
        let consumer = OAuth1RequestSigner(clientID: OAuth1Provider.client.clientID, clientSecret: OAuth1Provider.client.clientSecret)
        try await provider.app.test { client throws in
            let initiate = try await client.execute(
                .post,
                "/oauth1/initiate",
                headers: try OAuth1Provider.authorization(
                    consumer,
                    method: "POST",
                    path: "/oauth1/initiate",
                    extra: ["oauth_callback": OAuth1Provider.client.defaultRedirectURI ?? ""]
                )
            )
            #expect(initiate.status == .ok)
            let temporary = try FormURLEncoding.decode(initiate.text)
            #expect(temporary["oauth_callback_confirmed"] == "true")
            let requestToken = try #require(temporary["oauth_token"])
            let requestSecret = try #require(temporary["oauth_token_secret"])

            #expect(try await client.get("/oauth1/authorize?oauth_token=\(requestToken)").text.contains(OAuth1Provider.client.clientID))
            let approved = try await client.post("/oauth1/authorize?oauth_token=\(requestToken)", form: [("confirm", "yes")])
            let location = try #require(approved.headers[.location])
            #expect(location.hasPrefix("https://printer.example.com/ready"))
            let verifier = try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "oauth_verifier" }?.value)

            var temporarySigner = consumer
            temporarySigner.token = requestToken
            temporarySigner.tokenSecret = requestSecret
            let exchange = try await client.execute(
                .post,
                "/oauth1/token",
                headers: try OAuth1Provider.authorization(
                    temporarySigner,
                    method: "POST",
                    path: "/oauth1/token",
                    extra: ["oauth_verifier": verifier]
                )
            )
            #expect(exchange.status == .ok)
            let credentials = try FormURLEncoding.decode(exchange.text)

            var accessSigner = consumer
            accessSigner.token = try #require(credentials["oauth_token"])
            accessSigner.tokenSecret = try #require(credentials["oauth_token_secret"])
            let me = try await client.execute(
                .get,
                "/api/oauth1/me",
                headers: try OAuth1Provider.authorization(accessSigner, method: "GET", path: "/api/oauth1/me")
            )
            #expect(me.text == "me=user-1")

            // The same signed request again is a replay.
            let replay = try OAuth1Provider.authorization(accessSigner, method: "GET", path: "/api/oauth1/me")
            #expect(try await client.execute(.get, "/api/oauth1/me", headers: replay).status == .ok)
            #expect(try await client.execute(.get, "/api/oauth1/me", headers: replay).status == .unauthorized)
        }
    }

    @Test func bearerHeaderOnOAuth1RouteIs401WithOAuthChallenge() async throws {
        let response = try await OAuth1Provider().app.withTestClient { try await $0.get("/api/oauth1/me", auth: .bearer("abc")) }
        #expect(response.status == .unauthorized)
        #expect(response.headers[.wwwAuthenticate]?.hasPrefix("OAuth") == true)
    }

    @Test func plainHTTPIsRefusedUnlessInsecureTransportIsSet() async throws {
        let consumer = OAuth1RequestSigner(clientID: OAuth1Provider.client.clientID, clientSecret: OAuth1Provider.client.clientSecret)
        func initiate(_ provider: OAuth1Provider) async throws -> TestResponse {
            try await provider.app.withTestClient(scheme: "http") { client in
                let parameters = try consumer.signedParameters(
                    method: "POST",
                    uri: "http://localhost/oauth1/initiate",
                    body: nil,
                    protocolParameters: ["oauth_callback": "oob"],
                    timestamp: nil,
                    nonce: nil
                )
                return try await client.execute(
                    .post,
                    "/oauth1/initiate",
                    headers: [.authorization: OAuth1AuthorizationHeader.render(parameters, realm: nil)]
                )
            }
        }
        #expect(try await initiate(OAuth1Provider()).status.code == 400)
        #expect(try await initiate(OAuth1Provider(config: ["AUTHLIB_INSECURE_TRANSPORT": "true"])).status == .ok)
    }

    @Test func closureHooksNeedACache() throws {
        let app = App(config: Config())
        let server = OAuth1AuthorizationServer()
        let query: @Sendable (String) async throws -> (any OAuth1Client)? = { _ in nil }
        let create: OAuth1ClosureHooks.CreateTokenCredential = { _, _, token, secret in
            InMemoryOAuth1TokenCredential(clientID: "c", oauthToken: token, oauthTokenSecret: secret, userID: "u")
        }
        #expect(throws: ConfigError.self) { try server.initApp(app, queryClient: query, createTokenCredential: create) }
        let cached = App(config: Config(["OAUTH1_AUTH_CACHE_TYPE": "simple"]))
        try server.initApp(cached, queryClient: query, createTokenCredential: create)
        #expect(cached.extensions[OAuth1AuthorizationServer.AppKey.self] === server)
    }

    @Test func configKeysReachTheServer() async throws {
        let app = App(config: Config(["OAUTH1_SUPPORTED_SIGNATURE_METHODS": ["HMAC-SHA1", "RSA-SHA1"], "OAUTH1_TOKEN_LENGTH": 20]))
        let server = OAuth1AuthorizationServer()
        try server.initApp(app, hooks: InMemoryOAuth1Store())
        #expect(server.configuration.supportedSignatureMethods == [.hmacSHA1, .rsaSHA1])
        #expect(server.configuration.tokenLength == 20)
        #expect(throws: ConfigError.self) {
            try server.initApp(App(config: Config(["OAUTH1_TOKEN_LENGTH": 4])), hooks: InMemoryOAuth1Store())
        }
    }
}

struct OAuth1GuardTests {
    @Test func methodViewDecoratorsGuardEveryMethodWithOAuth1() async throws {
        struct Profile: MethodView {
            static let protector = OAuth1ResourceProtector()
            static var decorators: [any Middleware] { [protector()] }
            func get(_ request: Request) async throws -> Response { .text("get \(currentCredential?.userID ?? "nil")") }
            func post(_ request: Request) async throws -> Response { .text("post \(request.oauth1Credential?.client.clientID ?? "nil")") }
        }
        let store = InMemoryOAuth1Store(clients: [OAuth1Provider.client])
        store.save(
            InMemoryOAuth1TokenCredential(
                clientID: OAuth1Provider.client.clientID,
                oauthToken: "tok",
                oauthTokenSecret: "sec",
                userID: "user-9"
            )
        )
        let app = App(config: Config())
        try Profile.protector.initApp(app, hooks: store)
        app.addView("/profile", Profile())
        let signer = OAuth1RequestSigner(
            clientID: OAuth1Provider.client.clientID,
            clientSecret: OAuth1Provider.client.clientSecret,
            token: "tok",
            tokenSecret: "sec"
        )
        try await app.test { client throws in
            #expect(try await client.get("/profile").status == .unauthorized)
            let get = try await client.execute(
                .get,
                "/profile",
                headers: try OAuth1Provider.authorization(signer, method: "GET", path: "/profile")
            )
            #expect(get.text == "get user-9")
            let post = try await client.execute(
                .post,
                "/profile",
                headers: try OAuth1Provider.authorization(signer, method: "POST", path: "/profile")
            )
            #expect(post.text == "post \(OAuth1Provider.client.clientID)")
        }
    }

    @Test func resourceProtectorFromTheSeedsThreeFunctions() async throws {
        let app = App(config: Config())
        let cache = MemoryCache()
        let protector = try OAuth1ResourceProtector(
            app: app,
            queryClient: { id in id == OAuth1Provider.client.clientID ? OAuth1Provider.client : nil },
            queryToken: { clientID, token in
                token == "tok"
                    ? InMemoryOAuth1TokenCredential(clientID: clientID, oauthToken: "tok", oauthTokenSecret: "sec", userID: "u1") : nil
            },
            existsNonce: createExistsNonceFunc(cache)
        )
        app.get("/me", protector { _ in .text(currentCredential?.userID ?? "nil") })
        let signer = OAuth1RequestSigner(
            clientID: OAuth1Provider.client.clientID,
            clientSecret: OAuth1Provider.client.clientSecret,
            token: "tok",
            tokenSecret: "sec"
        )
        let headers = try OAuth1Provider.authorization(signer, method: "GET", path: "/me")
        try await app.test { client throws in
            #expect(try await client.execute(.get, "/me", headers: headers).text == "u1")
            #expect(try await client.execute(.get, "/me", headers: headers).status == .unauthorized)  // nonce replayed
        }
    }
}
