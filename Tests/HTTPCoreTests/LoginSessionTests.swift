import GatehouseCommon
import HTTPCore
import HTTPTypes
import Testing

/// What a login must change in a session: a new identifier, a new CSRF token, a cookie that only a
/// secure origin can set, and a bounded lifetime.
struct LoginSessionTests {
    static let secret = SessionTests.secret

    func makeApp(lifetime: Int? = nil) throws -> App {
        let app = App(config: Config())
        let sessions =
            try lifetime.map { try SessionMiddleware(secret: Self.secret, storage: .server(CacheSessionStore()), lifetime: $0) }
            ?? SessionMiddleware(secret: Self.secret, storage: .server(CacheSessionStore()))
        let pages = app.group("", middleware: sessions, CSRFProtection())
        pages.get("/form") { request in .text(try CSRFProtection.token(for: request)) }
        pages.post("/login") { request in
            let session = try request.session
            session.regenerate()
            session["user"] = "ada"
            return .text("ok")
        }
        pages.post("/consent") { request in .text("approved by \(try request.session["user"] ?? "nobody")") }
        return app
    }

    @Test func aCSRFTokenReadBeforeLoginDoesNotWorkAfterIt() async throws {
        try await makeApp().test { client throws in
            let before = try await client.get("/form").text
            #expect(try await client.post("/login", form: [("csrf_token", before)]).status == .ok)
            // The attacker's copy of the pre-login token is refused...
            let forged = try await client.post("/consent", form: [("csrf_token", before)])
            #expect(forged.status == .forbidden)
            // ...and the page after login carries a new one that works.
            let after = try await client.get("/form").text
            #expect(after != before && !after.isEmpty)
            let genuine = try await client.post("/consent", form: [("csrf_token", after)])
            #expect(genuine.status == .ok)
            #expect(genuine.text == "approved by ada")
        }
    }

    @Test func regenerateDropsTheCSRFTokenAndTheListedKeysOnly() {
        let session = Session([Session.csrfTokenKey: "t", "user": "ada", "pending": "x"])
        session.regenerate(dropping: ["pending"])
        #expect(session.values == ["user": "ada"])
    }

    @Test func aPageWithACSRFTokenIsNotStored() async throws {
        try await makeApp().test { client throws in
            let page = try await client.get("/form")
            #expect(page.headers[.cacheControl] == "no-store")
        }
    }

    @Test func overTLSTheCookieHasTheHostPrefixAndADefaultLifetimeOfTwelveHours() async throws {
        try await makeApp().test { client throws in
            let response = try await client.get("/form")
            let setCookie = try #require(response.headers[.setCookie])
            #expect(setCookie.hasPrefix("__Host-gatehouse_session="))
            #expect(setCookie.contains("Secure"))
            #expect(setCookie.contains("Path=/"))
            #expect(!setCookie.lowercased().contains("domain="))
            #expect(setCookie.contains("Max-Age=43200"))
        }
    }

    @Test func overPlainHTTPTheCookieKeepsItsBareName() async throws {
        try await makeApp().test(scheme: "http") { client throws in
            let response = try await client.get("/form")
            let setCookie = try #require(response.headers[.setCookie])
            #expect(setCookie.hasPrefix("gatehouse_session="))
            #expect(!setCookie.contains("Secure"))
        }
    }

    @Test func theLifetimeComesFromTheConfiguration() async throws {
        let config = Config()
        config["SECRET_KEY"] = Self.secret
        config["PERMANENT_SESSION_LIFETIME"] = 900
        let app = App(config: config)
        app.use(try SessionMiddleware(config: config))
        app.get("/set") { request in
            try request.session["x"] = "1"
            return .text("ok")
        }
        try await app.test { client throws in
            #expect(try await client.get("/set").headers[.setCookie]?.contains("Max-Age=900") == true)
        }
        let zero = Config(["SECRET_KEY": Self.secret, "PERMANENT_SESSION_LIFETIME": 0])
        #expect(throws: ConfigError.self) { try SessionMiddleware(config: zero) }
    }
}
