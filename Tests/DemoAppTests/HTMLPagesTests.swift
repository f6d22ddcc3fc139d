import Foundation
import NIOHTTP1
import OAuthClient
import Testing

/// The pages for people, against the built DemoApp: home, login, logout, client registration, grant
/// revocation, CSRF refusal and anti-framing headers.
@Suite(.serialized)
struct HTMLPagesTests {
    static func expectAntiFraming(_ response: WebResponse, _ page: String) {
        #expect(response.header("x-frame-options") == "DENY", "\(page)")
        #expect(response.header("content-security-policy")?.contains("frame-ancestors 'none'") == true, "\(page)")
    }

    @Test func homePageLoggedOutOffersTheLoginAndNoAccountData() async throws {
        try await SeededDemo.with { demo in
            let home = try await demo.browser().get("/")
            #expect(home.status == 200)
            #expect(home.header("content-type")?.hasPrefix("text/html") == true)
            #expect(home.body.contains(#"<a href="/login">Log in</a>"#))
            #expect(!home.body.contains("Your clients") && !home.body.contains("Logged in as"))
            #expect(!home.body.contains(demo.clientID))
        }
    }

    @Test func homePageLoggedInListsTheUsersClientsAndGrants() async throws {
        try await SeededDemo.with { demo in
            let browser = try await demo.loggedInBrowser()
            let before = try await browser.get("/")
            #expect(before.status == 200)
            #expect(before.body.contains("Logged in as <strong>demo</strong>"))
            #expect(before.body.contains("Demo OAuth 2 client") && before.body.contains(demo.clientID))
            #expect(before.body.contains("Demo OAuth 1 client") && before.body.contains(demo.oauth1ClientID))
            #expect(before.body.contains("No active grants."))

            _ = try await demo.passwordToken(scope: "profile notes")
            let after = try await browser.get("/")
            #expect(!after.body.contains("No active grants."))
            #expect(after.body.contains("<td>profile notes</td>"))
            #expect(try after.form(action: "/grants/revoke").hiddenFields.contains { $0.0 == "grant" && !$0.1.isEmpty })
        }
    }

    @Test func loginWithTheRightPasswordStartsASessionAndReturnsToNext() async throws {
        try await SeededDemo.with { demo in
            let browser = demo.browser()
            let page = try await browser.get("/login?next=%2Fclients")
            #expect(page.status == 200)
            Self.expectAntiFraming(page, "login")
            let form = try page.form(action: "/login")
            #expect(form.csrfToken?.isEmpty == false)
            #expect(form.hiddenFields.contains { $0 == ("next", "/clients") })
            #expect(page.body.contains(#"name="username""#) && page.body.contains(#"name="password" type="password""#))
            let anonymousCookie = try #require(browser.cookie("gatehouse_session"))

            let login = try await browser.submit(form, [("username", "demo"), ("password", demo.password)])
            #expect(login.status == 303 && login.location == "/clients")
            // A new session id on login: no session fixation.
            #expect(browser.cookie("gatehouse_session") != nil && browser.cookie("gatehouse_session") != anonymousCookie)
            let clients = try await browser.follow(login)
            #expect(clients.status == 200 && clients.body.contains("Register a client"))
        }
    }

    @Test func loginWithAWrongPasswordOrUnknownUserIsRefused() async throws {
        try await SeededDemo.with { demo in
            let browser = demo.browser()
            let wrong = try await browser.login(username: "demo", password: demo.password + "x")
            #expect(wrong.status == 401)
            #expect(wrong.body.contains("Unknown username or wrong password."))
            let unknown = try await browser.login(username: "nobody", password: demo.password)
            #expect(unknown.status == 401 && unknown.body.contains("Unknown username or wrong password."))
            let home = try await browser.get("/")
            #expect(!home.body.contains("Logged in as"))
            let clients = try await browser.get("/clients")
            #expect(clients.status == 303 && clients.location == "/login?next=%2Fclients")
        }
    }

    @Test func logoutEndsTheSessionForGood() async throws {
        try await SeededDemo.with { demo in
            let browser = try await demo.loggedInBrowser()
            let stolen = try #require(browser.cookie("gatehouse_session"))
            let home = try await browser.get("/")
            let logout = try await browser.submit(try home.form(action: "/logout"))
            #expect(logout.status == 303 && logout.location == "/")
            let after = try await browser.follow(logout)
            #expect(after.status == 200 && !after.body.contains("Logged in as"))

            // The old cookie no longer names a logged-in session (the server-side session is gone).
            let replay = demo.browser()
            replay.setCookie("gatehouse_session", stolen)
            let replayed = try await replay.get("/")
            #expect(!replayed.body.contains("Logged in as"))
        }
    }

    @Test func registeringAnOAuth2ClientFromTheFormIssuesWorkingCredentials() async throws {
        try await SeededDemo.with { demo in
            let browser = try await demo.loggedInBrowser()
            let page = try await browser.get("/clients")
            #expect(page.status == 200)
            let form = try page.form(action: "/clients")
            let created = try await browser.submit(
                form,
                [
                    ("protocol", "oauth2"), ("name", "Form <OAuth 2> app"), ("redirect_uri", "https://form.example/cb"),
                    ("scope", "profile notes bogus"), ("token_endpoint_auth_method", "client_secret_post"),
                ]
            )
            #expect(created.status == 201)
            #expect(created.body.contains("Form &lt;OAuth 2&gt; app"))  // HTML-escaped by the template
            let clientID = try #require(Self.code(after: "client_id: ", in: created.body))
            let secret = try #require(Self.code(after: "client_secret: ", in: created.body))

            // The new client is listed on the home page and can run the code flow, authenticating with
            // client_secret_post as registered; the unknown scope was dropped.
            #expect(try await browser.get("/").body.contains(clientID))
            let flow = OAuth2Flow(clientID: clientID, redirectURI: "https://form.example/cb", scope: "profile notes")
            let consent = try await browser.get(flow.authorizeURL)
            #expect(consent.status == 200 && consent.body.contains("Form &lt;OAuth 2&gt; app"))
            let granted = try await browser.submit(try consent.form(action: "/oauth/authorize"), [("confirm", "yes")])
            let code = try #require(try granted.locationParameters()["code"])
            let basicRefused = try await demo.token(
                flow.tokenForm(code: code),
                authorization: SeededDemo.basic(clientID, secret)
            )
            #expect(basicRefused.status == 401)  // registered for client_secret_post, not Basic
            let granted2 = try await browser.submit(
                try (try await browser.get(flow.authorizeURL)).form(action: "/oauth/authorize"),
                [("confirm", "yes")]
            )
            let code2 = try #require(try granted2.locationParameters()["code"])
            let token = try await demo.browser().post(
                "/oauth/token",
                form: flow.tokenForm(code: code2) + [("client_id", clientID), ("client_secret", secret)]
            )
            #expect(token.status == 200)
            #expect(try token.json()["scope"] as? String == "profile notes")
            let access = try #require(token.field("access_token") as? String)
            #expect(try await demo.api(.GET, "/api/me", bearer: access).json()["username"] as? String == "demo")
        }
    }

    @Test func registeringAnOAuth1ClientFromTheFormIssuesWorkingCredentials() async throws {
        try await SeededDemo.with { demo in
            let browser = try await demo.loggedInBrowser()
            let form = try await browser.get("/clients").form(action: "/clients")
            let created = try await browser.submit(form, [("protocol", "oauth1"), ("name", "Form printer"), ("redirect_uri", "oob")])
            #expect(created.status == 201)
            let clientID = try #require(Self.code(after: "client_id: ", in: created.body))
            let secret = try #require(Self.code(after: "client_secret: ", in: created.body))
            let home = try await browser.get("/")
            #expect(home.body.contains("Form printer") && home.body.contains(clientID))

            // The credentials sign a temporary credential request the provider accepts.
            let session = OAuth1Session(clientID: clientID, clientSecret: secret)
            let temporary = try await session.fetchRequestToken(url: demo.base + "/oauth1/initiate", callbackURI: "oob")
            #expect(!temporary.oauthToken.isEmpty)
            let wrongSecret = OAuth1Session(clientID: clientID, clientSecret: secret + "x")
            await #expect(throws: OAuthClientError.self) {
                try await wrongSecret.fetchRequestToken(url: demo.base + "/oauth1/initiate", callbackURI: "oob")
            }
        }
    }

    @Test func registrationRefusesABadRedirectURIAndAnonymousUsers() async throws {
        try await SeededDemo.with { demo in
            let browser = try await demo.loggedInBrowser()
            let form = try await browser.get("/clients").form(action: "/clients")
            for uri in ["javascript:alert(1)", "https://app.example/cb#fragment", "/relative", ""] {
                let refused = try await browser.submit(form, [("protocol", "oauth2"), ("name", "Bad"), ("redirect_uri", uri)])
                #expect(refused.status == 400, "\(uri)")
                #expect(refused.body.contains("absolute http(s) redirect URI"))
            }
            let anonymous = demo.browser()
            _ = try await anonymous.get("/login")  // a session with a CSRF token, but no user
            let token = try #require(try await anonymous.get("/login").form(action: "/login").csrfToken)
            let post = try await anonymous.post(
                "/clients",
                form: [("csrf_token", token), ("protocol", "oauth2"), ("name", "Anon"), ("redirect_uri", "https://a.example/cb")]
            )
            #expect(post.status == 403)
            #expect(!(try await browser.get("/").body.contains("Anon")))
        }
    }

    @Test func revokingAGrantFromTheHomePageRefusesItsTokens() async throws {
        try await SeededDemo.with { demo in
            let browser = try await demo.loggedInBrowser()
            let issued = try await demo.passwordToken(scope: "profile")
            let access = try #require(issued["access_token"] as? String)
            let refresh = try #require(issued["refresh_token"] as? String)
            #expect(try await demo.api(.GET, "/api/me", bearer: access).status == 200)

            let home = try await browser.get("/")
            let revoke = try await browser.submit(try home.form(action: "/grants/revoke"))
            #expect(revoke.status == 303 && revoke.location == "/")
            #expect(try await browser.get("/").body.contains("No active grants."))
            #expect(try await !demo.isActive(access))
            // The API refuses the token once the validator's look-up cache (5 s) has lapsed.
            #expect(try await demo.waitForAPIStatus(401, bearer: access) == 401)
            let refreshed = try await demo.token([("grant_type", "refresh_token"), ("refresh_token", refresh)])
            #expect(refreshed.status == 400 && (refreshed.field("error") as? String) == "invalid_grant")
        }
    }

    @Test func formPostsWithoutTheSessionsCSRFTokenAreRefused() async throws {
        try await SeededDemo.with { demo in
            let browser = try await demo.loggedInBrowser()
            let forged = [("protocol", "oauth2"), ("name", "Forged"), ("redirect_uri", "https://evil.example/cb")]
            let missing = try await browser.post("/clients", form: forged)
            #expect(missing.status == 403)
            let wrong = try await browser.post("/clients", form: [("csrf_token", "not-the-token")] + forged)
            #expect(wrong.status == 403)
            // Another session's valid token does not work in this one.
            let other = try #require(try await demo.browser().get("/login").form(action: "/login").csrfToken)
            let foreign = try await browser.post("/clients", form: [("csrf_token", other)] + forged)
            #expect(foreign.status == 403)
            #expect(!(try await browser.get("/").body.contains("Forged")))

            let logout = try await browser.post("/logout", form: [])
            #expect(logout.status == 403)
            #expect(try await browser.get("/").body.contains("Logged in as"))

            let login = try await demo.browser().post("/login", form: [("username", "demo"), ("password", demo.password)])
            #expect(login.status == 403 && login.location == nil)

            // A forged consent: no code is issued.
            let flow = OAuth2Flow(clientID: demo.clientID, redirectURI: SeededDemo.redirectURI, scope: "profile")
            let consent = try await browser.post(flow.authorizeURL, form: [("confirm", "yes")])
            #expect(consent.status == 403 && consent.location == nil)
            // A forged revocation of a real grant: refused, and the grant stays.
            let access = try #require(try await demo.passwordToken()["access_token"] as? String)
            let grant = try #require(try await browser.get("/").form(action: "/grants/revoke").hiddenFields.first { $0.0 == "grant" })
            let revoke = try await browser.post("/grants/revoke", form: [grant])
            #expect(revoke.status == 403)
            #expect(try await demo.isActive(access))
        }
    }

    @Test func loginAndConsentPagesCannotBeFramed() async throws {
        try await SeededDemo.with { demo in
            let browser = demo.browser()
            Self.expectAntiFraming(try await browser.get("/login"), "login")
            Self.expectAntiFraming(try await browser.login(username: "demo", password: "wrong password"), "failed login")
            _ = try await browser.login(username: "demo", password: demo.password)
            let flow = OAuth2Flow(clientID: demo.clientID, redirectURI: SeededDemo.redirectURI, scope: "profile")
            let consent = try await browser.get(flow.authorizeURL)
            #expect(consent.status == 200)
            Self.expectAntiFraming(consent, "OAuth 2 consent")
            let oauth1 = OAuth1Session(clientID: demo.oauth1ClientID, clientSecret: demo.oauth1ClientSecret)
            try await oauth1.fetchRequestToken(url: demo.base + "/oauth1/initiate", callbackURI: SeededDemo.oauth1Callback)
            let oauth1Consent = try await browser.get(try oauth1.createAuthorizationURL(demo.base + "/oauth1/authorize"))
            #expect(oauth1Consent.status == 200)
            Self.expectAntiFraming(oauth1Consent, "OAuth 1 consent")
        }
    }

    /// A page that sends no `Referer` onwards and loads nothing from other sites: the headers, and
    /// no `src` attribute or absolute link in its markup.
    static func expectSelfContained(_ response: WebResponse, _ page: String) {
        #expect(response.header("referrer-policy") == "no-referrer", "\(page)")
        let policy = response.header("content-security-policy") ?? ""
        #expect(policy.contains("default-src 'self'"), "\(page): \(policy)")
        #expect(!response.body.contains("src="), "\(page)")
        for attribute in ["href=\"", "action=\""] {
            var rest = response.body[...]
            while let range = rest.range(of: attribute) {
                rest = rest[range.upperBound...]
                #expect(rest.hasPrefix("/") && !rest.hasPrefix("//"), "\(page): \(attribute)\(rest.prefix(40))")
            }
        }
    }

    @Test func consentAndCallbackPagesSendNoReferrerAndLoadOnlyFromTheSite() async throws {
        try await SeededDemo.with { demo in
            let browser = try await demo.loggedInBrowser()
            // The OAuth 2 and OAuth 1 consent pages (the authorization endpoint's pages, RFC 9700 §4.2.4).
            let flow = OAuth2Flow(clientID: demo.clientID, redirectURI: SeededDemo.redirectURI, scope: "profile")
            let consent = try await browser.get(flow.authorizeURL)
            #expect(consent.status == 200 && consent.body.contains(SeededDemo.redirectURI))
            Self.expectSelfContained(consent, "OAuth 2 consent")
            let oauth1 = OAuth1Session(clientID: demo.oauth1ClientID, clientSecret: demo.oauth1ClientSecret)
            try await oauth1.fetchRequestToken(url: demo.base + "/oauth1/initiate", callbackURI: SeededDemo.oauth1Callback)
            let oauth1Consent = try await browser.get(try oauth1.createAuthorizationURL(demo.base + "/oauth1/authorize"))
            #expect(oauth1Consent.status == 200)
            Self.expectSelfContained(oauth1Consent, "OAuth 1 consent")

            // The client side: the page /connect/gatehouse/callback renders for the authorization
            // response (RFC 9700 §4.2.4), after a login and after a forged callback.
            let start = try await browser.get("/connect/gatehouse")
            let connectConsent = try await browser.get(try #require(start.location))
            let granted = try await browser.submit(try connectConsent.form(action: "/oauth/authorize"), [("confirm", "yes")])
            let callback = try #require(granted.location)
            #expect(callback.contains("/connect/gatehouse/callback?") && callback.contains("code="))
            let profile = try await browser.get(callback)
            #expect(profile.status == 200 && profile.body.contains("Logged in with Gatehouse"))
            Self.expectSelfContained(profile, "callback")
            let failed = try await browser.get("/connect/gatehouse/callback?code=stolen&state=forged")
            #expect(failed.status == 400 && failed.body.contains("Log in with Gatehouse failed"))
            Self.expectSelfContained(failed, "failed callback")
        }
    }

    /// The text of the `<code>` element after `label` on a page.
    static func code(after label: String, in html: String) -> String? {
        guard let range = html.range(of: label + "<code>") else { return nil }
        let value = html[range.upperBound...].prefix { $0 != "<" }
        return value.isEmpty ? nil : HTMLForm.unescape(String(value))
    }
}
