import Foundation
import GatehouseCommon
import HTTPCore
import HTTPTypes
import OAuthMiddleware
import OAuthTestSupport
import Testing

/// A provider app wired the way DESIGN.md shows: the server is created before the app and
/// attached with `initApp`, routes use the HTTP-level entry points.
struct Provider {
    let app: App
    let server: AuthorizationServer
    let store: MemoryOAuth2Store
    let requireOAuth: ResourceProtector

    init(config: [String: any Sendable] = [:]) throws {
        store = AuthorizationServerFixture.makeStore()
        server = makeAuthorizationServer(store: store)
        requireOAuth = ResourceProtector()
        requireOAuth.registerTokenValidator(MemoryBearerTokenValidator(store: store))
        app = App(config: Config(config.merging(["OAUTH2_ISSUER": AuthorizationServerFixture.issuer]) { mine, _ in mine }))
        try server.initApp(app)
        let (server, requireOAuth, store) = (server, requireOAuth, store)

        app.post("/oauth/token") { request in await server.createTokenResponse(request) }
        app.post("/oauth/revoke") { request in await server.createEndpointResponse("revocation", request) }
        app.get("/oauth/authorize") { request in
            let grant = try await server.validateConsentRequest(request, endUser: AuthorizationServerFixture.user)
            return .text("consent for \(grant.client.clientID) scope=\(grant.scope ?? "")")
        }
        app.post("/oauth/authorize") { request in
            let confirmed = try request.form()["confirm"] == "yes"
            return await server.createAuthorizationResponse(request, grantUser: confirmed ? AuthorizationServerFixture.user : nil)
        }
        app.get("/.well-known/oauth-authorization-server") { _ in server.createMetadataResponse() }
        app.get("/api/me", requireOAuth("profile") { _ in .text("me=\(currentToken?.userID ?? "nil")") })
        app.get("/api/any", requireOAuth(["admin", "profile"])) { _ in .text("any") }
        app.get("/api/all", requireOAuth("profile email")) { _ in .text("all") }
        app.get("/api/labeled-all", requireOAuth(scope: "profile email")) { _ in .text("labeled-all") }
        app.get("/api/labeled-any", requireOAuth(scope: ["admin", "profile"])) { _ in .text("labeled-any") }
        app.get("/api/labeled-me", requireOAuth(scope: "profile") { _ in .text("me=\(currentToken?.userID ?? "nil")") })
        app.get("/api/open", requireOAuth(optional: true)) { _ in .text("user=\(currentToken?.userID ?? "anonymous")") }
        app.post("/api/form", requireOAuth()) { request in .text("client=\(try request.requireToken().clientID)") }
        _ = store
    }

    /// Issues a token straight into the store.
    func token(scope: String, expiresIn: Int = 3600, issuedAt: Date = Date(), userID: String? = "user-1") -> String {
        let value = TokenGenerator.generate(length: 40)
        store.insertToken(
            MemoryToken(
                accessToken: value,
                scope: scope,
                clientID: "confidential",
                userID: userID,
                issuedAt: issuedAt,
                expiresIn: expiresIn
            )
        )
        return value
    }
}

struct OAuth2ProviderTests {
    @Test func clientCredentialsTokenOverHTTPHasNoStoreHeaders() async throws {
        let provider = try Provider()
        let response = try await provider.app.withTestClient { client in
            try await client.post(
                "/oauth/token",
                form: [("grant_type", "client_credentials"), ("scope", "profile")],
                auth: .basic(username: "confidential", password: "s3cret")
            )
        }
        #expect(response.status == .ok)
        #expect(response.headers[.cacheControl] == "no-store")
        #expect(response.headers[.pragma] == "no-cache")
        let body = try response.jsonObject()
        #expect(body["token_type"] as? String == "Bearer")
        #expect(body["expires_in"] as? Int == 864_000)
    }

    @Test func configKeysChangeLifetimesAndGenerators() async throws {
        let generator: AuthorizationServer.Configuration.Generator = { _ in "fixed-\(UUID().uuidString)" }
        let provider = try Provider(config: [
            "OAUTH2_EXPIRES_CLIENT_CREDENTIALS": 120,
            "OAUTH2_ACCESS_TOKEN_GENERATOR": generator,
        ])
        let body = try await provider.app.withTestClient { client in
            try await client.post(
                "/oauth/token",
                form: [("grant_type", "client_credentials")],
                auth: .basic(username: "confidential", password: "s3cret")
            )
        }.jsonObject()
        #expect(body["expires_in"] as? Int == 120)
        #expect((body["access_token"] as? String)?.hasPrefix("fixed-") == true)
    }

    @Test func tokenExpiresInDictionaryWinsOverPerGrantKeys() async throws {
        let provider = try Provider(config: [
            "OAUTH2_EXPIRES_CLIENT_CREDENTIALS": 120,
            "OAUTH2_TOKEN_EXPIRES_IN": ["client_credentials": 45] as [String: any Sendable],
        ])
        let body = try await provider.app.withTestClient { client in
            try await client.post(
                "/oauth/token",
                form: [("grant_type", "client_credentials")],
                auth: .basic(username: "confidential", password: "s3cret")
            )
        }.jsonObject()
        #expect(body["expires_in"] as? Int == 45)
    }

    @Test func errorURIsAreAddedToErrors() async throws {
        let provider = try Provider(config: ["OAUTH2_ERROR_URIS": [("invalid_client", "https://docs.example/errors#invalid-client")]])
        let response = try await provider.app.withTestClient { client in
            try await client.post(
                "/oauth/token",
                form: [("grant_type", "client_credentials")],
                auth: .basic(username: "confidential", password: "wrong")
            )
        }
        #expect(response.status == .unauthorized)
        #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Basic") == true)
        let body = try response.jsonObject()
        #expect(body["error"] as? String == "invalid_client")
        #expect(body["error_uri"] as? String == "https://docs.example/errors#invalid-client")
    }

    @Test func scopesOutsideSupportedAreInvalidScope() async throws {
        let provider = try Provider(config: ["OAUTH2_SCOPES_SUPPORTED": ["profile"]])
        let body = try await provider.app.withTestClient { client in
            try await client.post(
                "/oauth/token",
                form: [("grant_type", "client_credentials"), ("scope", "admin")],
                auth: .basic(username: "confidential", password: "s3cret")
            )
        }.jsonObject()
        #expect(body["error"] as? String == "invalid_scope")
    }

    @Test func plainHTTPIsRefusedUnlessInsecureTransportIsSet() async throws {
        let strict = try Provider()
        let refused = try await strict.app.withTestClient(scheme: "http") { client in
            try await client.post(
                "/oauth/token",
                form: [("grant_type", "client_credentials")],
                auth: .basic(username: "confidential", password: "s3cret")
            )
        }
        #expect(refused.status.code == 400)
        #expect(try refused.jsonObject()["error"] as? String == "insecure_transport")

        let development = try Provider(config: ["AUTHLIB_INSECURE_TRANSPORT": "1"])
        let allowed = try await development.app.withTestClient(scheme: "http") { client in
            try await client.post(
                "/oauth/token",
                form: [("grant_type", "client_credentials")],
                auth: .basic(username: "confidential", password: "s3cret")
            )
        }
        #expect(allowed.status == .ok)
    }

    @Test func malformedConfigFailsAtInitApp() throws {
        let app = App(config: Config(["OAUTH2_EXPIRES_PASSWORD": "soon"]))
        #expect(throws: ConfigError.self) { try AuthorizationServer().initApp(app) }
    }

    @Test(arguments: [0, -1])
    func nonPositiveLifetimesFailAtInitApp(seconds: Int) throws {
        let settings: [(String, any Sendable)] = [
            ("OAUTH2_EXPIRES_PASSWORD", seconds),
            ("OAUTH2_EXPIRES_PASSWORD", String(seconds)),
            ("OAUTH2_TOKEN_EXPIRES_IN", ["password": seconds] as [String: any Sendable]),
        ]
        for (key, value) in settings {
            let app = App(config: Config([key: value]))
            let error = #expect(throws: ConfigError.self, "\(key) = \(value)") { try AuthorizationServer().initApp(app) }
            #expect(error?.key.hasPrefix(key) == true, "\(String(describing: error))")
            #expect(app.extensions[AuthorizationServer.AppKey.self] == nil)
        }
        // One second is the shortest lifetime accepted.
        let server = AuthorizationServer()
        try server.initApp(App(config: Config(["OAUTH2_EXPIRES_PASSWORD": 1])))
        #expect(server.configuration.tokenLifetimes[.password] == 1)
    }

    @Test func lazyInitAppRegistersTheServerOnTheApp() throws {
        let server = AuthorizationServer()
        let app = App(config: Config())
        #expect(app.extensions[AuthorizationServer.AppKey.self] == nil)
        try server.initApp(app, queryClient: AuthorizationServerFixture.makeStore().queryClient)
        #expect(app.extensions[AuthorizationServer.AppKey.self] === server)
    }

    @Test func authorizationCodeFlowWithPKCEOverHTTP() async throws {
        let provider = try Provider()
        let verifier = TokenGenerator.generate(length: 64, alphabet: TokenGenerator.unreserved)
        let challenge = CodeChallenge.challenge(for: verifier, method: .s256)
        let query =
            "response_type=code&client_id=confidential&redirect_uri=\(PercentEncoding.encode(AuthorizationServerFixture.confidentialClient.redirectURIs[0]))"
            + "&scope=profile&state=xyz&code_challenge=\(challenge)&code_challenge_method=S256"
        try await provider.app.test { client throws in
            let consent = try await client.get("/oauth/authorize?" + query)
            #expect(consent.status == .ok)
            #expect(consent.text.contains("consent for confidential"))

            let approved = try await client.post("/oauth/authorize?" + query, form: [("confirm", "yes")])
            #expect(approved.status == .seeOther)
            let location = try #require(approved.headers[.location])
            let items = try #require(URLComponents(string: location)?.queryItems)
            #expect(items.first { $0.name == "state" }?.value == "xyz")
            #expect(items.first { $0.name == "iss" }?.value == AuthorizationServerFixture.issuer)
            let code = try #require(items.first { $0.name == "code" }?.value)

            let token = try await client.post(
                "/oauth/token",
                form: [
                    ("grant_type", "authorization_code"), ("code", code),
                    ("redirect_uri", AuthorizationServerFixture.confidentialClient.redirectURIs[0]), ("code_verifier", verifier),
                ],
                auth: .basic(username: "confidential", password: "s3cret")
            )
            #expect(token.status == .ok)
            let access = try #require(try token.jsonObject()["access_token"] as? String)
            #expect(try await client.get("/api/me", auth: .bearer(access)).text == "me=user-1")

            let reused = try await client.post(
                "/oauth/token",
                form: [
                    ("grant_type", "authorization_code"), ("code", code),
                    ("redirect_uri", AuthorizationServerFixture.confidentialClient.redirectURIs[0]), ("code_verifier", verifier),
                ],
                auth: .basic(username: "confidential", password: "s3cret")
            )
            #expect(try reused.jsonObject()["error"] as? String == "invalid_grant")
            #expect(try await client.get("/api/me", auth: .bearer(access)).status == .unauthorized)
        }
    }

    @Test func denyingConsentRedirectsWithAccessDenied() async throws {
        let provider = try Provider()
        let redirect = AuthorizationServerFixture.confidentialClient.redirectURIs[0]
        let query =
            "response_type=code&client_id=confidential&redirect_uri=\(PercentEncoding.encode(redirect))&state=s1&code_challenge=\(CodeChallenge.challenge(for: String(repeating: "a", count: 43), method: .s256))&code_challenge_method=S256"
        let response = try await provider.app.withTestClient { client in
            try await client.post("/oauth/authorize?" + query, form: [("confirm", "no")])
        }
        let location = try #require(response.headers[.location])
        #expect(location.hasPrefix(redirect))
        #expect(location.contains("error=access_denied"))
        #expect(location.contains("state=s1"))
    }

    @Test func unregisteredRedirectURIIsAnErrorPageNeverARedirect() async throws {
        let provider = try Provider()
        let response = try await provider.app.withTestClient { client in
            try await client.get("/oauth/authorize?response_type=code&client_id=confidential&redirect_uri=https%3A%2F%2Fevil.example%2Fcb")
        }
        #expect(response.status.code == 400)
        #expect(response.headers[.location] == nil)
    }

    @Test func metadataDocumentIsServed() async throws {
        let provider = try Provider()
        let body = try await provider.app.withTestClient { try await $0.get("/.well-known/oauth-authorization-server") }.jsonObject()
        #expect(body["issuer"] as? String == AuthorizationServerFixture.issuer)
        #expect((body["grant_types_supported"] as? [String])?.contains("client_credentials") == true)
    }
}

struct ResourceProtectorMiddlewareTests {
    @Test func missingTokenIs401WithBearerChallenge() async throws {
        let response = try await Provider().app.withTestClient { try await $0.get("/api/me") }
        #expect(response.status == .unauthorized)
        #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
        #expect(try response.jsonObject()["error"] as? String == "invalid_token")
    }

    @Test func invalidAndExpiredTokensAre401() async throws {
        let provider = try Provider()
        let expired = provider.token(scope: "profile", expiresIn: 10, issuedAt: Date().addingTimeInterval(-60))
        try await provider.app.test { client throws in
            #expect(try await client.get("/api/me", auth: .bearer("nope")).status == .unauthorized)
            #expect(try await client.get("/api/me", auth: .bearer(expired)).status == .unauthorized)
            let malformed = try await client.get("/api/me", auth: .raw("Bearer"))
            #expect(malformed.status.code == 400 || malformed.status.code == 401)
        }
    }

    @Test func missingScopeIs403InsufficientScope() async throws {
        let provider = try Provider()
        let token = provider.token(scope: "email")
        let response = try await provider.app.withTestClient { try await $0.get("/api/me", auth: .bearer(token)) }
        #expect(response.status == .forbidden)
        #expect(try response.jsonObject()["error"] as? String == "insufficient_scope")
        #expect(response.headers[.wwwAuthenticate]?.contains("insufficient_scope") == true)
    }

    @Test func scopeStringNeedsAllAndScopeListNeedsAny() async throws {
        let provider = try Provider()
        let profile = provider.token(scope: "profile")
        let both = provider.token(scope: "profile email")
        try await provider.app.test { client throws in
            #expect(try await client.get("/api/any", auth: .bearer(profile)).text == "any")
            #expect(try await client.get("/api/all", auth: .bearer(profile)).status == .forbidden)
            #expect(try await client.get("/api/all", auth: .bearer(both)).text == "all")
        }
    }

    @Test func labeledScopeMeansTheSameAsUnlabeled() async throws {
        let provider = try Provider()
        let profile = provider.token(scope: "profile")
        let both = provider.token(scope: "profile email")
        try await provider.app.test { client throws in
            #expect(try await client.get("/api/labeled-any", auth: .bearer(profile)).text == "labeled-any")
            #expect(try await client.get("/api/labeled-all", auth: .bearer(profile)).status == .forbidden)
            #expect(try await client.get("/api/labeled-all", auth: .bearer(both)).text == "labeled-all")
            #expect(try await client.get("/api/labeled-me", auth: .bearer(profile)).text == "me=user-1")
            #expect(try await client.get("/api/labeled-me").status == .unauthorized)
        }
    }

    @Test func optionalModeLetsAnonymousRequestsThrough() async throws {
        let provider = try Provider()
        let token = provider.token(scope: "profile")
        try await provider.app.test { client throws in
            #expect(try await client.get("/api/open").text == "user=anonymous")
            #expect(try await client.get("/api/open", auth: .bearer(token)).text == "user=user-1")
            #expect(try await client.get("/api/open", auth: .bearer("bad")).status == .unauthorized)
        }
    }

    @Test func tokenInFormBodyIsAcceptedButNotInQuery() async throws {
        let provider = try Provider()
        let token = provider.token(scope: "profile")
        try await provider.app.test { client throws in
            #expect(try await client.post("/api/form", form: [("access_token", token)]).text == "client=confidential")
            #expect(try await client.get("/api/me?access_token=\(token)").status == .unauthorized)
        }
    }

    @Test func currentTokenIsGoneAfterTheHandler() async throws {
        let provider = try Provider()
        let token = provider.token(scope: "profile")
        _ = try await provider.app.withTestClient { try await $0.get("/api/me", auth: .bearer(token)) }
        #expect(currentToken == nil)
    }

    @Test func methodViewDecoratorsGuardEveryMethod() async throws {
        struct Guarded: MethodView {
            static let protector = ResourceProtector()
            static var decorators: [any Middleware] { [protector("notes")] }
            func get(_ request: Request) async throws -> Response { .text("notes of \(currentToken?.userID ?? "nil")") }
            func post(_ request: Request) async throws -> Response { .text("added", status: .created) }
        }
        let store = AuthorizationServerFixture.makeStore()
        Guarded.protector.registerTokenValidator(MemoryBearerTokenValidator(store: store))
        let app = App(config: Config())
        app.addView("/notes", Guarded())
        let good = TokenGenerator.generate(length: 30)
        store.insertToken(MemoryToken(accessToken: good, scope: "notes", clientID: "confidential", userID: "user-1", expiresIn: 600))
        let other = TokenGenerator.generate(length: 30)
        store.insertToken(MemoryToken(accessToken: other, scope: "profile", clientID: "confidential", userID: "user-1", expiresIn: 600))
        try await app.test { client throws in
            #expect(try await client.get("/notes").status == .unauthorized)
            #expect(try await client.execute(.post, "/notes").status == .unauthorized)
            #expect(try await client.get("/notes", auth: .bearer(other)).status == .forbidden)
            #expect(try await client.get("/notes", auth: .bearer(good)).text == "notes of user-1")
            #expect(try await client.execute(.post, "/notes", auth: .bearer(good)).status == .created)
        }
    }
}

struct AuthorizationEndpointCORSTests {
    @Test func authorizationEndpointNeverAnswersCORS() async throws {
        let provider = try Provider()
        let origin: HTTPFields = [.origin: "https://evil.example", .accessControlRequestMethod: "POST"]
        try await provider.app.test { client throws in
            let preflight = try await client.execute(.options, "/oauth/authorize", headers: origin)
            #expect(preflight.status == .methodNotAllowed)
            #expect(preflight.headers[.accessControlAllowOrigin] == nil)
            let get = try await client.get("/oauth/authorize?response_type=code&client_id=confidential", headers: origin)
            #expect(get.headers[.accessControlAllowOrigin] == nil)
        }
    }
}
