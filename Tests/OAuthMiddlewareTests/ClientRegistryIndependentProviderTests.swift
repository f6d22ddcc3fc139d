import Foundation
import GatehouseCommon
import HTTPCore
import HTTPTypes
import InteropTestSupport
import OAuthClient
import OAuthMiddleware
import Synchronization
import Testing

/// The OAuth client registry logging in through an HTTPCore site to a provider this project did
/// not write (Authlib's server classes on Flask, ``AuthlibProvider``) and calling its API, over
/// OAuth 2 (endpoints from its RFC 8414 metadata) and OAuth 1.
struct ClientRegistryIndependentProviderTests {
    typealias Fixture = RegistryFixture
    typealias Provider = AuthlibProvider

    /// A registry with the OAuth 2 app `authlib`, configured from the provider's metadata document,
    /// and registry-level `fetchToken`/`updateToken` on `tokens`.
    static func registry(_ provider: AuthlibProvider, tokens: Fixture.TokenStore, leeway: Int? = nil) -> OAuth {
        let oauth = OAuth(
            fetchToken: { name, _ in tokens[name] },
            updateToken: { name, token, previous, _ in
                tokens.updates.withLock { $0.append((name, token, previous)) }
                tokens[name] = .oauth2(token)
            }
        )
        oauth.register(
            "authlib",
            clientID: Provider.basicClient.id,
            clientSecret: Provider.basicClient.secret,
            apiBaseURL: provider.base + "/",
            clientKwargs: ClientOptions(scope: "profile", leeway: leeway),
            serverMetadataURL: provider.base + "/.well-known/oauth-authorization-server"
        )
        return oauth
    }

    /// Registers the OAuth 1 app `oauth1-authlib` (the site's OAuth 1 callback and profile path).
    static func registerOAuth1(_ oauth: OAuth, provider: AuthlibProvider, method: SignatureMethod) throws {
        oauth.register(
            "oauth1-authlib",
            clientID: method == .rsaSHA1 ? Provider.rsaClientID : Provider.hmacClient.id,
            clientSecret: method == .rsaSHA1 ? "" : Provider.hmacClient.secret,
            requestTokenURL: provider.base + "/oauth1/request_token",
            accessTokenURL: provider.base + "/oauth1/access_token",
            authorizeURL: provider.base + "/oauth1/authorize",
            apiBaseURL: provider.base + "/",
            clientKwargs: ClientOptions(
                signatureMethod: method,
                rsaPrivateKey: method == .rsaSHA1 ? try Provider.rsaPrivateKey() : nil
            )
        )
    }

    /// The browser follows `/login/name` to the provider, which approves at once and sends it back:
    /// returns the provider's callback URL (not visited yet).
    static func startLogin(_ name: String, browser: TestClient, provider: AuthlibProvider, deny: Bool = false) async throws -> String {
        let start = try await browser.get("/login/\(name)")
        #expect(start.status == .found, "\(start.text)")
        var location = try #require(start.headers[.location])
        if deny {
            location = location.replacing("/oauth/authorize?", with: "/oauth/deny?").replacing("/oauth1/authorize?", with: "/oauth1/deny?")
        }
        return try await provider.visit(location)
    }

    /// The browser reaches the site's callback route with the provider's answer.
    static func finishLogin(_ name: String, browser: TestClient, callback: String) async throws -> TestResponse {
        try await browser.get("/authorize/\(name)?" + FormURLEncoding.encode(try Fixture.query(callback)))
    }

    @Test func oauth2LoginWithDiscoveredEndpointsThenAPICalls() async throws {
        try await withAuthlibProvider { provider in
            let tokens = Fixture.TokenStore()
            let oauth = Self.registry(provider, tokens: tokens)
            let site = try Fixture.makeSite(oauth, tokens: tokens)
            try oauth.initApp(site)
            try await site.test { browser in
                let start = try await browser.get("/login/authlib")
                let location = try #require(start.headers[.location])
                #expect(location.hasPrefix(provider.base + "/oauth/authorize?"))
                let query = try Fixture.query(location)
                #expect(query["redirect_uri"] == Fixture.redirectURI)
                #expect(query["code_challenge_method"] == "S256")
                #expect(query["scope"] == "profile")

                let callback = try await provider.visit(location)
                // RFC 9207: the registry checks the advertised issuer; another one is refused.
                #expect(try Fixture.query(callback)["iss"] == provider.base)
                var forged = try Fixture.query(callback)
                forged.set("iss", "https://attacker.example")
                let refused = try await browser.get("/authorize/authlib?" + FormURLEncoding.encode(forged))
                #expect(refused.text == "issuer_mismatch:-")

                // The forged callback spent the flow (its state is single-use): log in again.
                let again = try await Self.startLogin("authlib", browser: browser, provider: provider)
                let done = try await Self.finishLogin("authlib", browser: browser, callback: again)
                #expect(done.status == .ok, "\(done.text)")
                let token = try #require(tokens["authlib"]?.oauth2)
                #expect(token.refreshToken != nil)
                let replay = try await Self.finishLogin("authlib", browser: browser, callback: again)
                #expect(replay.text.hasPrefix("state_mismatch"))

                // Flask style: the route's handler calls the API without passing the request.
                let profile = try await browser.get("/profile/authlib")
                #expect(profile.status == .ok, "\(profile.text)")
                #expect(profile.text.contains(Provider.userID))

                // Django style: the token passed by hand, the path relative to apiBaseURL.
                let me = try await oauth.authlib.get("api/me", token: .oauth2(token))
                #expect(me.status == 200, "\(me.text)")
                #expect(me.jsonObject?["client_id"]?.stringValue == Provider.basicClient.id)
                #expect(tokens.updates.withLock { $0.isEmpty })
            }
        }
    }

    @Test func expiredTokenIsRefreshedThroughTheRegistryAndUpdateTokenCalled() async throws {
        try await withAuthlibProvider(accessTokenLifetime: 2) { provider in
            let tokens = Fixture.TokenStore()
            let oauth = Self.registry(provider, tokens: tokens, leeway: 0)
            let site = try Fixture.makeSite(oauth, tokens: tokens)
            try oauth.initApp(site)
            try await site.test { browser in
                let callback = try await Self.startLogin("authlib", browser: browser, provider: provider)
                #expect(try await Self.finishLogin("authlib", browser: browser, callback: callback).status == .ok)
                let old = try #require(tokens["authlib"]?.oauth2)
                #expect(old.expiresIn == 2)

                try await Task.sleep(for: .seconds(3))
                // Authlib refuses the expired access token (sent as is when its expiry is hidden) ...
                var disguised = old
                disguised.expiresAt = nil
                #expect(try await oauth.authlib.get("api/me", token: .oauth2(disguised)).status == 401)

                // ... so the registry refreshes it before the call and hands the new one to updateToken.
                let profile = try await browser.get("/profile/authlib")
                #expect(profile.status == .ok, "\(profile.text)")
                let updates = tokens.updates.withLock { $0 }
                #expect(updates.count == 1)
                #expect(updates.first?.name == "authlib")
                #expect(updates.first?.previous?.accessToken == old.accessToken)
                let renewed = try #require(tokens["authlib"]?.oauth2)
                #expect(renewed.accessToken != old.accessToken)
                #expect(renewed.refreshToken != old.refreshToken)
                #expect(try await browser.get("/profile/authlib").status == .ok)
                #expect(tokens.updates.withLock { $0.count } == 1)
            }
        }
    }

    @Test(arguments: [SignatureMethod.hmacSHA1, .rsaSHA1])
    func oauth1ThreeLeggedLoginThenAPICalls(method: SignatureMethod) async throws {
        try await withAuthlibProvider { provider in
            let tokens = Fixture.TokenStore()
            let oauth = OAuth(fetchToken: { name, _ in tokens[name] })
            try Self.registerOAuth1(oauth, provider: provider, method: method)
            let site = try Fixture.makeSite(oauth, tokens: tokens)
            try oauth.initApp(site)
            try await site.test { browser in
                let callback = try await Self.startLogin("oauth1-authlib", browser: browser, provider: provider)
                #expect(callback.hasPrefix(Fixture.oauth1Callback + "?"))
                let done = try await Self.finishLogin("oauth1-authlib", browser: browser, callback: callback)
                #expect(done.status == .ok, "\(done.text)")
                let token = try #require(tokens["oauth1-authlib"]?.oauth1)
                #expect(token.oauthToken != (try Fixture.query(callback)["oauth_token"]))

                let profile = try await browser.get("/profile/oauth1-authlib")
                #expect(profile.status == .ok, "\(profile.text)")
                #expect(profile.text.contains(Provider.userID))

                let client = try #require(oauth.createClient("oauth1-authlib"))
                let me = try await client.get("api/oauth1/me?view=full%20profile", token: .oauth1(token))
                #expect(me.status == 200, "\(me.text)")
                #expect(me.jsonObject?["client_id"]?.stringValue == (method == .rsaSHA1 ? Provider.rsaClientID : Provider.hmacClient.id))
            }
        }
    }

    @Test(arguments: ["authlib", "oauth1-authlib"])
    func deniedConsentSurfacesAsTypedAccessDenied(name: String) async throws {
        try await withAuthlibProvider { provider in
            let tokens = Fixture.TokenStore()
            let oauth = Self.registry(provider, tokens: tokens)
            try Self.registerOAuth1(oauth, provider: provider, method: .hmacSHA1)
            let site = try Fixture.makeSite(oauth, tokens: tokens)
            try oauth.initApp(site)
            try await site.test { browser in
                let callback = try await Self.startLogin(name, browser: browser, provider: provider, deny: true)
                #expect(try Fixture.query(callback)["error"] == "access_denied")
                let denied = try await Self.finishLogin(name, browser: browser, callback: callback)
                #expect(denied.status == .badRequest)
                #expect(denied.text == "provider_error:access_denied")
                #expect(tokens[name] == nil)
            }
        }
    }
}
