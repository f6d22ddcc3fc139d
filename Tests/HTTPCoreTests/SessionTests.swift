import GatehouseCommon
import HTTPCore
import HTTPTypes
import Testing

struct SessionTests {
    static let secret = "0123456789abcdef0123456789abcdef-test-secret"

    func makeApp(storage: SessionMiddleware.Storage = .cookie) throws -> App {
        let app = App(config: Config())
        app.use(try SessionMiddleware(secret: Self.secret, storage: storage))
        app.post("/login") { request in
            let session = try request.session
            session.regenerate()
            session["user"] = try request.form()["user"]
            return .text("ok")
        }
        app.get("/me") { request in .text(try request.session["user"] ?? "anonymous") }
        app.post("/logout") { request in
            try request.session.clear()
            return .text("bye")
        }
        return app
    }

    @Test(arguments: [false, true])
    func sessionSurvivesBetweenRequests(serverSide: Bool) async throws {
        let app = try makeApp(storage: serverSide ? .server(CacheSessionStore()) : .cookie)
        try await app.test { client throws in
            let login = try await client.post("/login", form: [("user", "ada")])
            let setCookie = login.headers[.setCookie] ?? ""
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))
            #expect(setCookie.contains("Secure"))  // the test client claims https
            #expect(try await client.get("/me").text == "ada")
            _ = try await client.post("/logout", form: [])
            #expect(try await client.get("/me").text == "anonymous")
        }
    }

    @Test func tamperedCookieIsRejected() async throws {
        let app = try makeApp()
        try await app.test { client throws in
            _ = try await client.post("/login", form: [("user", "ada")])
            let cookie = try #require(client.cookies["__Host-gatehouse_session"])
            // Flip one character of the signed payload.
            var bytes = Array(cookie.utf8)
            bytes[2] = bytes[2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            let forged = String(decoding: bytes, as: UTF8.self)
            let response = try await client.get("/me", headers: [.cookie: "__Host-gatehouse_session=\(forged)"])
            #expect(response.text == "anonymous")
        }
    }

    @Test func cookieSignedWithAnotherSecretIsRejected() async throws {
        let other = App(config: Config())
        other.use(try SessionMiddleware(secret: String(repeating: "x", count: 40)))
        other.get("/set") { request in
            try request.session["user"] = "mallory"
            return .text("ok")
        }
        let forged = try await other.withTestClient { client in
            _ = try await client.get("/set")
            return client.cookies["__Host-gatehouse_session"] ?? ""
        }
        let app = try makeApp()
        let response = try await app.withTestClient { client in
            try await client.get("/me", headers: [.cookie: "__Host-gatehouse_session=\(forged)"])
        }
        #expect(response.text == "anonymous")
    }

    @Test func regenerateIssuesANewServerSideIdentifier() async throws {
        let app = try makeApp(storage: .server(CacheSessionStore()))
        try await app.test { client throws in
            _ = try await client.post("/login", form: [("user", "ada")])
            let first = client.cookies["__Host-gatehouse_session"]
            _ = try await client.post("/login", form: [("user", "bob")])
            let second = client.cookies["__Host-gatehouse_session"]
            #expect(first != nil && second != nil && first != second)
            // The old identifier no longer opens a session.
            let stale = try await client.get("/me", headers: [.cookie: "__Host-gatehouse_session=\(first ?? "")"])
            #expect(stale.text == "anonymous")
        }
    }

    @Test func shortSecretIsRefused() {
        #expect(throws: ConfigError.self) { try SessionMiddleware(secret: "short") }
    }

    @Test func missingSessionMiddlewareIsAServerError() async throws {
        let app = App(config: Config())
        app.get("/") { request in .text(try request.session["x"] ?? "") }
        #expect(try await app.withTestClient { try await $0.get("/") }.status == .internalServerError)
    }
}
