import Foundation
import OAuthClient
import Testing

/// The OAuth 1.0 routes of the built DemoApp (RFC 5849), with Gatehouse's own ``OAuth1Session``
/// signing every request with HMAC-SHA1.
@Suite(.serialized)
struct OAuth1RoutesTests {
    static func session(_ demo: SeededDemo, secret: String? = nil) -> OAuth1Session {
        OAuth1Session(clientID: demo.oauth1ClientID, clientSecret: secret ?? demo.oauth1ClientSecret)  // HMAC-SHA1, the default
    }

    @Test func threeLeggedFlowWithACallbackEndsInASignedAPICall() async throws {
        try await SeededDemo.with { demo in
            let session = Self.session(demo)
            let temporary = try await session.fetchRequestToken(url: demo.base + "/oauth1/initiate", callbackURI: SeededDemo.oauth1Callback)
            #expect(temporary.extra["oauth_callback_confirmed"] == "true")
            let authorizeURL = try session.createAuthorizationURL(demo.base + "/oauth1/authorize")

            // Login required: the authorization page sends the person to log in and back.
            let browser = demo.browser()
            let anonymous = try await browser.get(authorizeURL)
            #expect(anonymous.status == 303 && anonymous.location?.hasPrefix("/login?next=") == true)
            let login = try await browser.submit(
                try await browser.get(try #require(anonymous.location)).form(action: "/login"),
                [("username", "demo"), ("password", demo.password)]
            )
            let consent = try await browser.follow(login)
            #expect(consent.status == 200)
            #expect(consent.body.contains("Authorize Demo OAuth 1 client"))
            #expect(consent.body.contains("<code>\(demo.oauth1ClientID)</code>"))

            let granted = try await browser.submit(try consent.form(action: "/oauth1/authorize"), [("confirm", "yes")])
            #expect(granted.status == 302)
            let callback = try #require(granted.location)
            #expect(callback.hasPrefix(SeededDemo.oauth1Callback + "?"))
            let parameters = try session.parseAuthorizationResponse(callback)
            #expect(parameters.oauthToken == temporary.oauthToken)

            let token = try await session.fetchAccessToken(url: demo.base + "/oauth1/token")
            #expect(token.oauthToken != temporary.oauthToken && !token.oauthTokenSecret.isEmpty)
            let me = try await session.request(.get, demo.base + "/api/oauth1/me")
            #expect(me.status == 200)
            let profile = try #require(try JSONSerialization.jsonObject(with: Data(me.body)) as? [String: String])
            #expect(profile["username"] == "demo" && profile["id"]?.isEmpty == false)

            // The verifier was single use: the temporary credential is gone.
            let again = OAuth1Session(
                clientID: demo.oauth1ClientID,
                clientSecret: demo.oauth1ClientSecret,
                token: OAuth1Token(oauthToken: temporary.oauthToken, oauthTokenSecret: temporary.oauthTokenSecret)
            )
            await #expect(throws: OAuthClientError.self) {
                try await again.fetchAccessToken(url: demo.base + "/oauth1/token", verifier: parameters.verifier)
            }
        }
    }

    @Test func oobCallbackShowsTheVerifierToThePerson() async throws {
        try await SeededDemo.with { demo in
            let session = Self.session(demo)
            try await session.fetchRequestToken(url: demo.base + "/oauth1/initiate", callbackURI: "oob")
            let browser = try await demo.loggedInBrowser()
            let consent = try await browser.get(try session.createAuthorizationURL(demo.base + "/oauth1/authorize"))
            #expect(consent.status == 200)
            let shown = try await browser.submit(try consent.form(action: "/oauth1/authorize"), [("confirm", "yes")])
            #expect(shown.status == 200 && shown.location == nil)
            #expect(shown.header("content-type")?.hasPrefix("text/html") == true)
            let start = try #require(shown.body.range(of: #"<code id="verifier">"#))
            let verifier = String(shown.body[start.upperBound...].prefix { $0 != "<" })
            #expect(!verifier.isEmpty)

            try await session.fetchAccessToken(url: demo.base + "/oauth1/token", verifier: verifier)
            let me = try await session.request(.get, demo.base + "/api/oauth1/me")
            #expect(me.status == 200 && me.text.contains(#""username":"demo""#))
        }
    }

    @Test func denyingTheConsentSendsAccessDeniedAndIssuesNothing() async throws {
        try await SeededDemo.with { demo in
            let session = Self.session(demo)
            try await session.fetchRequestToken(url: demo.base + "/oauth1/initiate", callbackURI: SeededDemo.oauth1Callback)
            let browser = try await demo.loggedInBrowser()
            let consent = try await browser.get(try session.createAuthorizationURL(demo.base + "/oauth1/authorize"))
            let denied = try await browser.submit(try consent.form(action: "/oauth1/authorize"), [("confirm", "no")])
            #expect(denied.status == 302)
            #expect(denied.location?.hasPrefix(SeededDemo.oauth1Callback + "?") == true)
            #expect(try denied.locationParameters()["error"] == "access_denied")
            #expect(try denied.locationParameters()["oauth_verifier"] == nil)
            await #expect(throws: OAuthClientError.self) {
                try await session.fetchAccessToken(url: demo.base + "/oauth1/token", verifier: "guessed")
            }

            // With an `oob` callback the denial is a page for the person.
            let oob = Self.session(demo)
            try await oob.fetchRequestToken(url: demo.base + "/oauth1/initiate", callbackURI: "oob")
            let oobConsent = try await browser.get(try oob.createAuthorizationURL(demo.base + "/oauth1/authorize"))
            let oobDenied = try await browser.submit(try oobConsent.form(action: "/oauth1/authorize"), [("confirm", "no")])
            #expect(oobDenied.status == 403 && oobDenied.location == nil)
            #expect(oobDenied.header("content-type")?.hasPrefix("text/html") == true)
            #expect(oobDenied.body.contains("You denied the application access.") && !oobDenied.body.contains("verifier"))
        }
    }

    @Test func forgedConsentWithoutTheSessionsCSRFTokenIssuesNoVerifier() async throws {
        try await SeededDemo.with { demo in
            let session = Self.session(demo)
            try await session.fetchRequestToken(url: demo.base + "/oauth1/initiate", callbackURI: SeededDemo.oauth1Callback)
            let browser = try await demo.loggedInBrowser()
            let consent = try await browser.get(try session.createAuthorizationURL(demo.base + "/oauth1/authorize"))
            #expect(consent.status == 200)
            let form = try consent.form(action: "/oauth1/authorize")
            let fields = form.hiddenFields.filter { $0.0 != "csrf_token" } + [("confirm", "yes")]

            // An attacker's page posting the consent in the logged-in browser: without the token,
            // with a made-up one, or with another session's.
            let other = try #require(try await demo.browser().get("/login").form(action: "/login").csrfToken)
            for forged in [fields, [("csrf_token", "not-the-token")] + fields, [("csrf_token", other)] + fields] {
                let response = try await browser.post(form.action, form: forged)
                #expect(response.status == 403)
                #expect(response.location == nil && !response.body.contains("oauth_verifier"))
            }

            // The temporary credential is still waiting for a decision: the person can consent for real.
            let retry = try await browser.get(try session.createAuthorizationURL(demo.base + "/oauth1/authorize"))
            let granted = try await browser.submit(try retry.form(action: "/oauth1/authorize"), [("confirm", "yes")])
            #expect(granted.status == 302)
            let verifier = try session.parseAuthorizationResponse(try #require(granted.location)).verifier
            let token = try await session.fetchAccessToken(url: demo.base + "/oauth1/token", verifier: verifier)
            #expect(!token.oauthToken.isEmpty)
        }
    }

    @Test func protectedAPIRefusesUnsignedForgedAndReplayedRequests() async throws {
        try await SeededDemo.with { demo in
            let session = Self.session(demo)
            try await session.fetchRequestToken(url: demo.base + "/oauth1/initiate", callbackURI: "oob")
            let browser = try await demo.loggedInBrowser()
            let consent = try await browser.get(try session.createAuthorizationURL(demo.base + "/oauth1/authorize"))
            let shown = try await browser.submit(try consent.form(action: "/oauth1/authorize"), [("confirm", "yes")])
            let start = try #require(shown.body.range(of: #"<code id="verifier">"#))
            let token = try await session.fetchAccessToken(
                url: demo.base + "/oauth1/token",
                verifier: String(shown.body[start.upperBound...].prefix { $0 != "<" })
            )

            let unsigned = try await demo.browser().get("/api/oauth1/me")
            #expect(unsigned.status == 401)
            let wrongSecret = OAuth1Session(
                clientID: demo.oauth1ClientID,
                clientSecret: demo.oauth1ClientSecret,
                token: OAuth1Token(oauthToken: token.oauthToken, oauthTokenSecret: token.oauthTokenSecret + "x")
            )
            #expect(try await wrongSecret.request(.get, demo.base + "/api/oauth1/me").status == 401)

            // A signed request works once; the same nonce and timestamp again is a replay (RFC 5849 §3.3).
            let signed = try session.sign(OAuthClientRequest(method: .get, url: demo.base + "/api/oauth1/me"))
            #expect(signed.headers[.authorization]?.contains(#"oauth_signature_method="HMAC-SHA1""#) == true)
            let headers = signed.headers.map { ($0.name.rawName, $0.value) }
            let first = try await demo.browser().get("/api/oauth1/me", headers: headers)
            #expect(first.status == 200)
            let replay = try await demo.browser().get("/api/oauth1/me", headers: headers)
            #expect(replay.status == 401)
        }
    }

    @Test func initiateRefusesBadSignaturesAndUnregisteredCallbacks() async throws {
        try await SeededDemo.with { demo in
            await #expect(throws: OAuthClientError.self) {
                try await Self.session(demo, secret: "wrong").fetchRequestToken(url: demo.base + "/oauth1/initiate", callbackURI: "oob")
            }
            do {
                try await Self.session(demo).fetchRequestToken(
                    url: demo.base + "/oauth1/initiate",
                    callbackURI: "https://evil.example/steal"
                )
                Issue.record("an unregistered callback was accepted")
            } catch let error as OAuthClientError {
                #expect(error.status == 400)
            }
            let unsigned = try await demo.browser().post("/oauth1/initiate", form: [("oauth_callback", "oob")])
            #expect(unsigned.status == 400 && unsigned.body.hasPrefix("error=missing_required_parameter"))

            // A person following a bad authorization link gets an HTML page, not a client's error body.
            let browser = try await demo.loggedInBrowser()
            let unknownToken = try await browser.get("/oauth1/authorize?oauth_token=unknown")
            #expect(unknownToken.status == 400)
            #expect(unknownToken.header("content-type")?.hasPrefix("text/html") == true)
            #expect(unknownToken.body.contains("invalid_token") && !unknownToken.body.contains("Allow"))
            let form = try await browser.get("/").form(action: "/logout")  // any form carries the session's CSRF token
            let post = try await browser.post(
                "/oauth1/authorize?oauth_token=unknown",
                form: [("csrf_token", form.csrfToken ?? ""), ("confirm", "yes")]
            )
            #expect(post.status == 400 && post.header("content-type")?.hasPrefix("text/html") == true)
            #expect(post.body.contains("invalid_token") && post.location == nil)
        }
    }
}
