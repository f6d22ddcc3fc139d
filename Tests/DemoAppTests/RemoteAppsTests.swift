import DemoModel
import Foundation
import GatehouseTesting
import InteropTestSupport
import OAuthStores
import SQLKit
import Testing

/// The demo's client side (`/login/:name`, `/authorize/:name`, `/profile/:name`,
/// `POST /disconnect/:name`) against the built DemoApp: its own OAuth 2 and OAuth 1 providers,
/// and an Authlib provider configured by `{NAME}_*` keys alone.
@Suite(.serialized)
struct RemoteAppsTests {
    @Test func oauth2LoginStoresTheTokenRefreshesItWhenExpiredAndDisconnects() async throws {
        try await SeededDemo.with { demo in
            let browser = try await demo.loggedInBrowser()
            let start = try await browser.get("/login/gatehouse")
            let authorize = try #require(start.location)
            let query = try #require(URLComponents(string: authorize)).queryItems ?? []
            #expect(query.first { $0.name == "redirect_uri" }?.value == demo.base + "/authorize/gatehouse")
            #expect(query.first { $0.name == "code_challenge_method" }?.value == "S256")
            let consent = try await browser.get(authorize)
            #expect(consent.body.contains("Logged in as <strong>demo</strong>"))
            let granted = try await browser.submit(try consent.form(action: "/oauth/authorize"), [("confirm", "yes")])
            let callback = try #require(granted.location)
            #expect(callback.hasPrefix(demo.base + "/authorize/gatehouse?"))

            let stored = try await browser.get(callback)
            #expect(stored.status == 303 && stored.location == "/profile/gatehouse")
            let row = try #require(try await Self.oauth2Row(demo))
            #expect(row.access.hasPrefix("v1.") && row.refresh?.hasPrefix("v1.") == true, "token secrets are sealed at rest")
            #expect(row.refreshedAt == nil)

            let profile = try await browser.get("/profile/gatehouse")
            #expect(profile.status == 200)
            #expect(profile.body.contains("<th>username</th><td>demo</td>"))
            #expect(!profile.body.contains("id=\"refreshed\""))
            let home = try await browser.get("/")
            #expect(home.body.contains("action=\"/disconnect/gatehouse\""))
            #expect(home.body.contains("href=\"/login/gatehouse-oauth1\""), "not connected yet: a Connect link")

            // The stored access token has expired: /profile refreshes it first and saves the new one.
            try await Self.database(demo) { database in
                try await database.raw("UPDATE demo_oauth2_tokens SET expires_at = 1").run()
            }
            let refreshed = try await browser.get("/profile/gatehouse")
            #expect(refreshed.status == 200)
            #expect(refreshed.body.contains("id=\"refreshed\""))
            #expect(refreshed.body.contains("<th>username</th><td>demo</td>"))
            let after = try #require(try await Self.oauth2Row(demo))
            #expect(after.refreshedAt != nil && (after.expiresAt ?? 0) > Int(Date().timeIntervalSince1970))
            #expect(after.access != row.access && after.refresh != row.refresh, "rotated refresh token saved")
            let again = try await browser.get("/profile/gatehouse")
            #expect(again.status == 200 && !again.body.contains("id=\"refreshed\""))

            // Disconnect forgets the token and revokes the grant at the provider (RFC 7009).
            #expect(try await browser.get("/").body.contains("Gatehouse demo (log in with Gatehouse)"))
            let disconnected = try await browser.submit(try await browser.get("/").form(action: "/disconnect/gatehouse"))
            #expect(disconnected.status == 303)
            #expect(try await Self.oauth2Row(demo) == nil)
            let home2 = try await browser.get("/")
            #expect(home2.body.contains("href=\"/login/gatehouse\""))
            #expect(!home2.body.contains("Gatehouse demo (log in with Gatehouse)"), "the grant was revoked")
            #expect(try await browser.get("/profile/gatehouse").status == 404)
        }
    }

    @Test func oauth1LoginOnTheDemosOwnProvider() async throws {
        try await SeededDemo.with { demo in
            #expect(demo.process.output.text.contains(demo.base + "/login/gatehouse-oauth1"), "the first start says how to try OAuth 1")
            let browser = try await demo.loggedInBrowser()
            let start = try await browser.get("/login/gatehouse-oauth1")
            let authorize = try #require(start.location)
            #expect(authorize.hasPrefix(demo.base + "/oauth1/authorize?oauth_token="))
            let consent = try await browser.get(authorize)
            #expect(consent.body.contains("Authorize Demo OAuth 1 client"))
            #expect(consent.body.contains("<code>\(demo.oauth1ClientID)</code>"), "the seeded client is the one the demo signs with")
            let granted = try await browser.submit(try consent.form(action: "/oauth1/authorize"), [("confirm", "yes")])
            let callback = try #require(granted.location)
            #expect(callback.hasPrefix(demo.base + "/authorize/gatehouse-oauth1?oauth_token="))
            #expect(callback.contains("oauth_verifier="))

            let stored = try await browser.get(callback)
            #expect(stored.status == 303 && stored.location == "/profile/gatehouse-oauth1")
            let secret = try await Self.database(demo) { database in
                try await database.raw("SELECT oauth_token_secret FROM demo_oauth1_tokens").first()?.decode(
                    column: "oauth_token_secret",
                    as: String.self
                )
            }
            #expect(secret?.hasPrefix("v1.") == true, "the token secret is sealed at rest")
            let profile = try await browser.get("/profile/gatehouse-oauth1")
            #expect(profile.status == 200)
            #expect(profile.body.contains("GET <code>oauth1/me</code> answered <strong>200</strong>"))
            #expect(profile.body.contains("<th>username</th><td>demo</td>"))
            #expect(try await browser.get("/").body.contains("OAuth 1.0"))

            // The verifier and temporary credential were single use.
            let replay = try await browser.get(callback)
            #expect(replay.status == 400)

            let disconnected = try await browser.submit(try await browser.get("/").form(action: "/disconnect/gatehouse-oauth1"))
            #expect(disconnected.status == 303)
            #expect(try await browser.get("/profile/gatehouse-oauth1").status == 404)
        }
    }

    @Test func unknownNamesForgedStatesAndAnonymousVisitorsAreRefused() async throws {
        try await SeededDemo.with { demo in
            let anonymous = demo.browser()
            let redirected = try await anonymous.get("/login/gatehouse")
            #expect(redirected.status == 303 && redirected.location?.hasPrefix("/login?next=") == true)

            let browser = try await demo.loggedInBrowser()
            #expect(try await browser.get("/login/nobody").status == 404)
            #expect(try await browser.get("/authorize/nobody?code=x&state=y").status == 404)
            #expect(try await browser.get("/profile/nobody").status == 404)

            _ = try await browser.get("/login/gatehouse")
            let forged = try await browser.get("/authorize/gatehouse?code=stolen&state=forged")
            #expect(forged.status == 400)
            #expect(forged.body.contains("does not belong to a login you started here"))
            let denied = try await browser.get("/authorize/gatehouse?error=access_denied&state=forged")
            #expect(denied.status == 400)
            #expect(try await Self.oauth2Row(demo) == nil)

            // Disconnect is a POST with the CSRF field, like every form of the demo.
            let noToken = try await browser.post("/disconnect/gatehouse", form: [])
            #expect(noToken.status == 403)
        }
    }

    /// A provider nobody on the project wrote (Flask + Authlib), configured by keys alone: as
    /// `peer`, OAuth 2 with discovery (RFC 8414), `client_secret_basic`, PKCE, RFC 9207 `iss`,
    /// refresh and revocation; as `peer1`, OAuth 1 with HMAC-SHA1.
    @Test func externalAuthlibProviderConfiguredByKeysAlone() async throws {
        let port = try LoopbackPort.free()
        let callback = "http://127.0.0.1:\(port)/authorize/peer"
        // Access tokens live 30 s, inside the client's 60 s leeway: the first profile read refreshes.
        let provider = try await AuthlibProvider.start(accessTokenLifetime: 30, redirectURIs: [callback])
        defer { provider.stop() }
        let environment = [
            "DEMO_REMOTE_APPS": "peer, peer1",
            "PEER_CLIENT_ID": AuthlibProvider.basicClient.id,
            "PEER_CLIENT_SECRET": AuthlibProvider.basicClient.secret,
            "PEER_SERVER_METADATA_URL": provider.base + "/.well-known/oauth-authorization-server",
            "PEER_AUTHORIZE_URL": provider.base + "/oauth/authorize",
            "PEER_ACCESS_TOKEN_URL": provider.base + "/oauth/token",
            "PEER_API_BASE_URL": provider.base + "/api/",
            "PEER_PROFILE_PATH": "me",
            "PEER_CLIENT_KWARGS":
                #"{"scope": "profile", "token_endpoint_auth_method": "client_secret_basic", "code_challenge_method": "S256"}"#,
            "PEER1_CLIENT_ID": AuthlibProvider.hmacClient.id,
            "PEER1_CLIENT_SECRET": AuthlibProvider.hmacClient.secret,
            "PEER1_REQUEST_TOKEN_URL": provider.base + "/oauth1/request_token",
            "PEER1_AUTHORIZE_URL": provider.base + "/oauth1/authorize",
            "PEER1_ACCESS_TOKEN_URL": provider.base + "/oauth1/access_token",
            "PEER1_API_BASE_URL": provider.base + "/api/",
            "PEER1_PROFILE_PATH": "oauth1/me",
        ]
        try await SeededDemo.with(port: port, environment: environment) { demo in
            let browser = try await demo.loggedInBrowser()
            #expect(try await browser.get("/").body.contains("href=\"/login/peer\""))
            let start = try await browser.get("/login/peer")
            let authorize = try #require(start.location)
            #expect(authorize.hasPrefix(provider.base + "/oauth/authorize?"))
            #expect(authorize.contains("code_challenge="))
            let back = try await provider.visit(authorize)
            #expect(back.hasPrefix(callback + "?") && back.contains("iss="))

            let stored = try await browser.get(back)
            #expect(stored.status == 303 && stored.location == "/profile/peer")
            let profile = try await browser.get("/profile/peer")
            #expect(profile.status == 200)
            #expect(profile.body.contains("<th>id</th><td>\(AuthlibProvider.userID)</td>"))
            #expect(profile.body.contains("id=\"refreshed\""), "the 30 s token was refreshed at Authlib and saved")
            let again = try await browser.get("/profile/peer")
            #expect(again.status == 200 && !again.body.contains("id=\"refreshed\""))

            let disconnected = try await browser.submit(try await browser.get("/").form(action: "/disconnect/peer"))
            #expect(disconnected.status == 303)
            #expect(try await browser.get("/profile/peer").status == 404)

            let oauth1 = try #require(try await browser.get("/login/peer1").location)
            #expect(oauth1.hasPrefix(provider.base + "/oauth1/authorize?oauth_token="))
            let verified = try await provider.visit(oauth1)
            #expect(verified.hasPrefix(demo.base + "/authorize/peer1?") && verified.contains("oauth_verifier="))
            #expect(try await browser.get(verified).location == "/profile/peer1")
            let signed = try await browser.get("/profile/peer1")
            #expect(signed.status == 200)
            #expect(signed.body.contains("<th>id</th><td>\(AuthlibProvider.userID)</td>"))
            #expect(signed.body.contains("<th>client_id</th><td>\(AuthlibProvider.hmacClient.id)</td>"))
        }
    }

    // MARK: - The demo's database, opened beside it

    struct OAuth2Row: Equatable {
        var access: String
        var refresh: String?
        var expiresAt: Int?
        var refreshedAt: Int?
    }

    static func oauth2Row(_ demo: SeededDemo) async throws -> OAuth2Row? {
        try await database(demo) { database in
            try await database.raw("SELECT access_token, refresh_token, expires_at, refreshed_at FROM demo_oauth2_tokens").first().map {
                OAuth2Row(
                    access: try $0.decode(column: "access_token", as: String.self),
                    refresh: try $0.decode(column: "refresh_token", as: String?.self),
                    expiresAt: try $0.decode(column: "expires_at", as: Int?.self),
                    refreshedAt: try $0.decode(column: "refreshed_at", as: Int?.self)
                )
            }
        }
    }

    static func database<T: Sendable>(_ demo: SeededDemo, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    {
        let store = try await SQLStore.open(demo.directory.appendingPathComponent("gatehouse-demo.sqlite").path)
        do {
            let result = try await store.write(body)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }
}
