import AsyncHTTPClient
import GatehouseTesting
import GatehouseVapor
import NIOCore
import NIOHTTP1
import OAuth2
import OAuthClient
import OAuthIntegration
import OAuthStores
import Testing
import Vapor
import VaporTesting

/// A whole "log in with X" on Vapor, live on loopback: one app is both the provider (the adapter's
/// authorization and token endpoints and bearer guard, on a SQLite store) and the client site (the
/// registry on Vapor's sessions). The registry redirects to the provider, the provider redirects
/// back with a code, and the callback exchanges it over real HTTP (PKCE S256,
/// client_secret_basic) and calls the guarded API with the token.
@Suite struct LiveLoginTests {
    @Test func loginThenExchangeThenAPICallOverRealHTTP() async throws {
        try await withApp { app in
            let provider = try await SQLiteProvider.make()
            let server = provider.server
            let requireOAuth = provider.requireOAuth
            let oauth = VaporOAuth()

            // Provider: the user is logged in and consents at once (the consent page is the app's).
            app.get("oauth", "authorize") { req in
                await server.createAuthorizationResponse(req, grantUser: OAuth2UserReference(userID: "user-1"))
            }
            app.post("oauth", "token") { req in await server.createTokenResponse(req) }
            app.grouped(requireOAuth(scope: "profile")).get("api", "me") { req in
                #"{"id":"\#(req.oauthToken?.userID ?? "-")"}"#
            }
            // Client site, on Vapor's sessions.
            app.sessions.use(.memory)
            let site = app.grouped(app.sessions.middleware)
            site.get("login") { req in try await oauth.provider.authorizeRedirect(req) }
            site.get("callback") { req in
                let token = try await oauth.provider.authorizeAccessToken(req)
                return try await oauth.provider.get("me", token: token).text
            }

            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let base = "http://127.0.0.1:\(try #require(app.http.server.shared.localAddress?.port))"
            try await provider.register(as: "provider", on: oauth, base: base)

            // The browser: follows nothing by itself, keeps the session cookie.
            let browser = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
            func get(_ url: String, cookie: String? = nil) async throws -> HTTPClientResponse {
                var request = HTTPClientRequest(url: url)
                if let cookie { request.headers.add(name: "Cookie", value: cookie) }
                return try await browser.execute(request, timeout: .seconds(10))
            }
            do {
                let login = try await get(base + "/login")
                #expect(login.status == .seeOther || login.status == .found)
                let authorize = try #require(login.headers.first(name: "Location"))
                let cookie = String(try #require(login.headers.first(name: "Set-Cookie")?.split(separator: ";").first))
                #expect(authorize.hasPrefix(base + "/oauth/authorize?"))
                let approved = try await get(authorize)
                #expect(approved.status == .found)
                let callback = try #require(approved.headers.first(name: "Location"))
                #expect(callback.hasPrefix(base + "/callback?code="))
                let finished = try await get(callback, cookie: cookie)
                #expect(finished.status == .ok)
                #expect(String(buffer: try await finished.body.collect(upTo: 1 << 16)) == #"{"id":"user-1"}"#)
                // The flow is over: the same callback again finds no pending flow.
                #expect(try await get(callback, cookie: cookie).status != .ok)
            } catch {
                try await browser.shutdown()
                throw error
            }
            try await browser.shutdown()
            await app.server.shutdown()
            try await provider.close()
        }
    }
}
