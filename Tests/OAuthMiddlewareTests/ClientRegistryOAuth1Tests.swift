import Foundation
import GatehouseCommon
import HTTPCore
import HTTPTypes
import OAuthClient
import OAuthMiddleware
import OAuthTestSupport
import Testing

/// The registry's OAuth 1 three-legged login against Gatehouse's own OAuth 1 provider on loopback,
/// with the temporary credential in the registry's cache or behind save/fetchRequestToken hooks.
struct ClientRegistryOAuth1Tests {
    typealias Fixture = RegistryFixture

    static func register(
        _ oauth: OAuth,
        base: String,
        save: RemoteApp.SaveRequestToken? = nil,
        fetch: RemoteApp.FetchRequestToken? = nil
    ) {
        oauth.register(
            "oauth1",
            clientID: Fixture.oauth1ClientID,
            clientSecret: Fixture.oauth1ClientSecret,
            requestTokenURL: base + "/oauth1/initiate",
            accessTokenURL: base + "/oauth1/token",
            authorizeURL: base + "/oauth1/authorize",
            apiBaseURL: base + "/",
            saveRequestToken: save,
            fetchRequestToken: fetch
        )
    }

    @Test func threeLeggedLoginWithRequestTokenInCache() async throws {
        let provider = try Fixture.makeProvider()
        try await provider.app.test(.live) { providerClient in
            let tokens = Fixture.TokenStore()
            let cache = MemoryCache()
            let oauth = OAuth()
            Self.register(oauth, base: "http://\(providerClient.host)")
            let site = try Fixture.makeSite(oauth, tokens: tokens)
            try oauth.initApp(site, fetchToken: { name, _ in tokens[name] }, cache: cache)
            try await site.test { browser in
                let start = try await browser.get("/login/oauth1")
                #expect(start.status == .found, "\(start.text)")
                let location = try #require(start.headers[.location])
                let oauthToken = try #require(try Fixture.query(location)["oauth_token"])
                #expect(cache.count == 1)
                let pending = try #require(try await cache.get("gatehouse:oauth1-client:oauth1:\(oauthToken)"))
                // The secret is in the server's cache; the browser holds a signed session id only.
                let cookie = try #require(browser.cookies["__Host-gatehouse_session"])
                #expect(!pending.isEmpty && !cookie.contains(oauthToken))

                let back = try await Fixture.consent(providerClient, at: location)
                let done = try await browser.get("/authorize/oauth1?" + FormURLEncoding.encode(try Fixture.query(back)))
                #expect(done.status == .ok, "\(done.text)")
                #expect(try #require(tokens["oauth1"]?.oauth1).oauthToken != oauthToken)
                #expect(try await cache.get("gatehouse:oauth1-client:oauth1:\(oauthToken)") == nil)

                let profile = try await browser.get("/profile/oauth1")
                #expect(profile.status == .ok, "\(profile.text)")
                #expect(profile.text.contains(Fixture.user.userID))
            }
        }
    }

    @Test func callbackInAnotherBrowserIsRefused() async throws {
        let provider = try Fixture.makeProvider()
        try await provider.app.test(.live) { providerClient in
            let tokens = Fixture.TokenStore()
            let oauth = OAuth()
            Self.register(oauth, base: "http://\(providerClient.host)")
            let site = try Fixture.makeSite(oauth, tokens: tokens)
            try oauth.initApp(site)
            try await site.test { browser in
                let start = try await browser.get("/login/oauth1")
                let back = try await Fixture.consent(providerClient, at: try #require(start.headers[.location]))
                browser.clearCookies()
                let stolen = try await browser.get("/authorize/oauth1?" + FormURLEncoding.encode(try Fixture.query(back)))
                #expect(stolen.text == "state_mismatch:-")
                #expect(tokens["oauth1"] == nil)
            }
        }
    }

    @Test func saveAndFetchRequestTokenHooksReplaceTheCache() async throws {
        let provider = try Fixture.makeProvider()
        try await provider.app.test(.live) { providerClient in
            let tokens = Fixture.TokenStore()
            let saved = LockedValue<[String: OAuth1Token]>([:])
            let cache = MemoryCache()
            let oauth = OAuth(cache: cache)
            Self.register(
                oauth,
                base: "http://\(providerClient.host)",
                save: { _, token in saved.withLock { $0[token.oauthToken] = token } },
                fetch: { _, oauthToken in saved.withLock { $0.removeValue(forKey: oauthToken) } }
            )
            let site = try Fixture.makeSite(oauth, tokens: tokens)
            try oauth.initApp(site)
            try await site.test { browser in
                let start = try await browser.get("/django/login/oauth1")
                let location = try #require(start.headers[.location])
                #expect(saved.withLock { $0.count } == 1)
                #expect(cache.count == 0)
                let back = try await Fixture.consent(providerClient, at: location)
                let done = try await browser.get("/django/authorize/oauth1?" + FormURLEncoding.encode(try Fixture.query(back)))
                #expect(done.status == .ok, "\(done.text)")
                #expect(saved.withLock { $0.isEmpty })
                let token = try #require(tokens["oauth1"])
                let response = try await oauth.oauth1.get("api/oauth1/me", token: token)
                #expect(response.status == 200)
            }
        }
    }

    @Test func deniedOAuth1AuthorizationIsATypedProviderError() async throws {
        let provider = try Fixture.makeProvider()
        try await provider.app.test(.live) { providerClient in
            let tokens = Fixture.TokenStore()
            let cache = MemoryCache()
            let oauth = OAuth(cache: cache)
            Self.register(oauth, base: "http://\(providerClient.host)")
            let site = try Fixture.makeSite(oauth, tokens: tokens)
            try oauth.initApp(site)
            try await site.test { browser in
                let start = try await browser.get("/login/oauth1")
                let back = try await Fixture.consent(providerClient, at: try #require(start.headers[.location]), allow: false)
                let denied = try await browser.get("/authorize/oauth1?" + FormURLEncoding.encode(try Fixture.query(back)))
                #expect(denied.status == .badRequest)
                #expect(denied.text == "provider_error:access_denied")
                #expect(tokens["oauth1"] == nil)
                #expect(cache.count == 0)
            }
        }
    }
}
