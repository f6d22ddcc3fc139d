import Foundation
import OAuthClient
import Testing

/// Each attack of the outside attack run, performed against the built DemoApp: it must fail.
@Suite(.serialized)
struct AttackRegressionTests {
    static func oauth1Session(_ demo: SeededDemo, token: OAuth1Token? = nil) -> OAuth1Session {
        OAuth1Session(clientID: demo.oauth1ClientID, clientSecret: demo.oauth1ClientSecret, token: token)
    }

    /// An out-of-band request token approved by `browser`; returns the temporary credential and verifier.
    static func approvedRequestToken(
        _ demo: SeededDemo,
        browser: CookieJarClient
    ) async throws -> (session: OAuth1Session, temporary: OAuth1Token, verifier: String) {
        let session = oauth1Session(demo)
        let temporary = try await session.fetchRequestToken(url: demo.base + "/oauth1/initiate", callbackURI: "oob")
        let consent = try await browser.get(try session.createAuthorizationURL(demo.base + "/oauth1/authorize"))
        let shown = try await browser.submit(try consent.form(action: "/oauth1/authorize"), [("confirm", "yes")])
        let start = try #require(shown.body.range(of: #"<code id="verifier">"#))
        return (session, temporary, String(shown.body[start.upperBound...].prefix { $0 != "<" }))
    }

    /// Attack 1: eight concurrent token requests with one temporary credential and verifier, each
    /// with its own nonce. One token credential comes out.
    @Test func concurrentOAuth1TokenRequestsGetOneCredential() async throws {
        try await SeededDemo.with { demo in
            let browser = try await demo.loggedInBrowser()
            let (_, temporary, verifier) = try await Self.approvedRequestToken(demo, browser: browser)
            let results = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let racer = Self.oauth1Session(demo, token: temporary)
                        return (try? await racer.fetchAccessToken(url: demo.base + "/oauth1/token", verifier: verifier)) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1, "\(results)")
        }
    }

    /// Attack 2: a second logged-in user approves a request token the first user already approved.
    @Test func anApprovedOAuth1RequestTokenCannotBeApprovedByAnotherUser() async throws {
        try await SeededDemo.with { demo in
            let mallory = try await demo.command(["create-user", "--username", "mallory", "--password", "mallory's password"])
            #expect(mallory.status == 0, "\(mallory.output)")
            let victim = try await demo.loggedInBrowser()
            let (session, _, verifier) = try await Self.approvedRequestToken(demo, browser: victim)

            let attacker = demo.browser()
            #expect(try await attacker.login(username: "mallory", password: "mallory's password").status == 303)
            let page = try await attacker.get(try session.createAuthorizationURL(demo.base + "/oauth1/authorize"))
            #expect(page.status == 400)
            #expect(page.body.contains("invalid_token") && !page.body.contains("confirm"))
            // A forged approval POST (with the attacker's own CSRF token) is refused as well.
            let csrf = try await attacker.get("/").form(action: "/logout").csrfToken ?? ""
            let forced = try await attacker.post(
                try session.createAuthorizationURL(demo.base + "/oauth1/authorize"),
                form: [("csrf_token", csrf), ("confirm", "yes")]
            )
            #expect(forced.status == 400 && !forced.body.contains("oauth_verifier"))

            // The victim's verifier still works, and the credential is the victim's.
            _ = try await session.fetchAccessToken(url: demo.base + "/oauth1/token", verifier: verifier)
            let me = try await session.request(.get, demo.base + "/api/oauth1/me")
            let profile = try #require(try JSONSerialization.jsonObject(with: Data(me.body)) as? [String: String])
            #expect(profile["username"] == "demo")
        }
    }

    /// Attack 3: `next` with a tab (`/\t/evil.example`, which browsers read as `//evil.example`) and
    /// its relatives; the login sends the browser home instead.
    @Test(arguments: ["/\t/evil.example", "//evil.example", "/\\evil.example", "/\n/evil.example", " /evil", "https://evil.example"])
    func loginNeverRedirectsOffSite(next: String) async throws {
        try await SeededDemo.with { demo in
            let browser = demo.browser()
            let page = try await browser.get("/login?next=" + CookieJarClient.percentEncode(next))
            #expect(try page.form(action: "/login").hiddenFields.contains { $0 == ("next", "/") })
            let csrf = try page.form(action: "/login").csrfToken ?? ""
            let login = try await browser.post(
                "/login",
                form: [("csrf_token", csrf), ("next", next), ("username", "demo"), ("password", demo.password)]
            )
            #expect(login.status == 303)
            #expect(login.location == "/")
        }
    }

    /// Attack 4: a CSRF token read before login forges a consent after it.
    @Test func aCSRFTokenFromBeforeLoginIsRefusedAfterIt() async throws {
        try await SeededDemo.with { demo in
            let browser = demo.browser()
            let before = try #require(try await browser.get("/login").form(action: "/login").csrfToken)
            #expect(try await browser.login(username: "demo", password: demo.password).status == 303)
            let forged = try await browser.post(
                "/clients",
                form: [("csrf_token", before), ("protocol", "oauth2"), ("name", "Forged"), ("redirect_uri", "https://a.example/cb")]
            )
            #expect(forged.status == 403)
            let after = try #require(try await browser.get("/clients").form(action: "/clients").csrfToken)
            #expect(after != before)
        }
    }

    /// Attack 5: plain http with a `Host` that is not loopback (a plain-http proxy, DNS rebinding) on
    /// the demo's loopback bind: the OAuth endpoints refuse it.
    @Test func plainHTTPNamingAPublicHostIsRefusedAtTheOAuthEndpoints() async throws {
        try await SeededDemo.with { demo in
            let body = "grant_type=client_credentials&scope=profile"
            func tokenRequest(host: String) -> [UInt8] {
                Array(
                    ("POST /oauth/token HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\nAuthorization: \(demo.basic)\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)").utf8
                )
            }
            let port = demo.process.port
            let rebound = try await RawSocket.exchange(port: port, bytes: tokenRequest(host: "evil.example"), method: "POST")
            let refused = try #require(rebound.response)
            #expect(refused.status == 400)
            #expect(refused.text.contains("insecure_transport"))
            let local = try #require(
                try await RawSocket.exchange(port: port, bytes: tokenRequest(host: "127.0.0.1:\(port)"), method: "POST").response
            )
            #expect(local.status == 200)
        }
    }

    /// Attack 6: an `http://` redirect URI for a public host, from the form and from the command line.
    @Test func plainHTTPRedirectURIsForPublicHostsAreRefusedAtRegistration() async throws {
        try await SeededDemo.with { demo in
            let browser = try await demo.loggedInBrowser()
            let form = try await browser.get("/clients").form(action: "/clients")
            let refused = try await browser.submit(
                form,
                [("protocol", "oauth2"), ("name", "Plain"), ("redirect_uri", "http://client.example/cb")]
            )
            #expect(refused.status == 400)
            #expect(refused.body.contains("loopback hosts only"))
            let loopback = try await browser.submit(
                try await browser.get("/clients").form(action: "/clients"),
                [("protocol", "oauth2"), ("name", "Native"), ("redirect_uri", "http://127.0.0.1:9000/cb")]
            )
            #expect(loopback.status == 201)
            let command = try await demo.command(["create-client", "--name", "Plain", "--redirect-uri", "http://client.example/cb"])
            #expect(command.status != 0)
        }
    }

    /// Attack 7: the page with a new client secret was cacheable and compressed (BREACH).
    @Test func thePageShowingANewSecretIsNeitherStoredNorCompressed() async throws {
        try await SeededDemo.with { demo in
            let browser = try await demo.loggedInBrowser()
            let form = try await browser.get("/clients").form(action: "/clients")
            let created = try await browser.post(
                form.action,
                form: form.hiddenFields + [
                    ("protocol", "oauth2"), ("name", String(repeating: "Reflected ", count: 9)),
                    ("redirect_uri", "https://client.example/" + String(repeating: "x", count: 1500)),
                ],
                headers: [("Accept-Encoding", "gzip, deflate")]
            )
            #expect(created.status == 201)
            #expect(created.header("cache-control") == "no-store")
            #expect(created.header("content-encoding") == nil)
            #expect(created.body.contains("client_secret") || created.body.contains("secret"))
            let consent = try await browser.get("/login", headers: [("Accept-Encoding", "gzip")])
            #expect(consent.header("cache-control") == "no-store")
        }
    }

    /// Attack 8: password guessing at the login form and at the token endpoint, counted together:
    /// past the limit the right password is refused too, with 429 and `Retry-After`.
    @Test func passwordGuessingIsThrottledAtTheLoginFormAndTheTokenEndpoint() async throws {
        // A first wait of 60 s, so the checks below never race the end of the wait on a busy machine.
        try await SeededDemo.with(environment: ["GATEHOUSE_THROTTLE_BASE_DELAY": "60"]) { demo in
            let browser = demo.browser()
            for _ in 0..<6 { #expect(try await browser.login(username: "demo", password: "guess").status == 401) }
            for _ in 0..<5 {
                let wrong = try await demo.token([("grant_type", "password"), ("username", "demo"), ("password", "guess")])
                #expect(wrong.status == 400)
            }
            // Eleven failures: the account now waits, whatever the password.
            let page = try await browser.login(username: "demo", password: demo.password)
            #expect(page.status == 429)
            #expect(Int(page.header("retry-after") ?? "") ?? 0 >= 1)
            #expect(page.body.contains("Too many failed attempts"))
            let token = try await demo.token([("grant_type", "password"), ("username", "demo"), ("password", demo.password)])
            #expect(token.status == 429)
            #expect(try token.json()["error"] as? String == "temporarily_unavailable")
            #expect(Int(token.header("retry-after") ?? "") ?? 0 >= 1)
        }
    }
}
