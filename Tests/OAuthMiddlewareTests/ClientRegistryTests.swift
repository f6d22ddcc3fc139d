import Foundation
import GatehouseCommon
import HTTPCore
import HTTPTypes
import OAuthClient
import OAuthMiddleware
import OAuthTestSupport
import Testing

/// The OAuth client registry logging in to Gatehouse's own OAuth 2 provider on loopback and
/// calling its API, with the flow state kept in the client site's server-side session.
struct ClientRegistryTests {
    typealias Fixture = RegistryFixture

    /// A registry with the OAuth 2 app `gatehouse` registered against the live provider at `base`.
    static func registry(
        base: String,
        tokens: Fixture.TokenStore,
        clientKwargs: ClientOptions = ClientOptions(scope: "profile"),
        complianceFix: RemoteApp.ComplianceFix? = nil
    ) -> OAuth {
        let oauth = OAuth(
            fetchToken: { name, _ in tokens[name] },
            updateToken: { name, token, previous, _ in
                tokens.updates.withLock { $0.append((name, token, previous)) }
                tokens[name] = .oauth2(token)
            }
        )
        oauth.register(
            "gatehouse",
            clientID: Fixture.clientID,
            clientSecret: Fixture.clientSecret,
            accessTokenURL: base + "/oauth/token",
            authorizeURL: base + "/oauth/authorize",
            apiBaseURL: base + "/",
            clientKwargs: clientKwargs,
            complianceFix: complianceFix
        )
        return oauth
    }

    @Test func oauth2LoginThenProtectedCallWithRegistryFetchToken() async throws {
        let provider = try Fixture.makeProvider()
        try await provider.app.test(.live) { providerClient in
            let tokens = Fixture.TokenStore()
            let oauth = Self.registry(base: "http://\(providerClient.host)", tokens: tokens)
            let site = try Fixture.makeSite(oauth, tokens: tokens)
            try oauth.initApp(site)
            try await site.test { browser in
                let start = try await browser.get("/login/gatehouse")
                #expect(start.status == .found)
                let location = try #require(start.headers[.location])
                let query = try Fixture.query(location)
                #expect(query["code_challenge_method"] == "S256")
                #expect(query["code_challenge"] != nil)
                #expect(query["scope"] == "profile")
                // The verifier stays on the server: the cookie holds a signed session id only.
                let cookie = try #require(browser.cookies["__Host-gatehouse_session"])
                #expect(!cookie.contains(try #require(query["state"])))

                let back = try await Fixture.consent(providerClient, at: location)
                let done = try await browser.get("/authorize/gatehouse?" + FormURLEncoding.encode(try Fixture.query(back)))
                #expect(done.status == .ok, "\(done.text)")
                let token = try #require(tokens["gatehouse"]?.oauth2)
                #expect(token.refreshToken != nil)

                let profile = try await browser.get("/profile/gatehouse")
                #expect(profile.status == .ok, "\(profile.text)")
                #expect(profile.text.contains(Fixture.user.userID))
                // The state is single-use: replaying the callback is refused.
                let replay = try await browser.get("/authorize/gatehouse?" + FormURLEncoding.encode(try Fixture.query(back)))
                #expect(replay.text.hasPrefix("state_mismatch"))
            }
        }
    }

    @Test func expiredTokenIsRefreshedAndUpdateTokenCalled() async throws {
        let provider = try Fixture.makeProvider()
        try await provider.app.test(.live) { providerClient in
            let tokens = Fixture.TokenStore()
            let oauth = Self.registry(base: "http://\(providerClient.host)", tokens: tokens)
            let site = try Fixture.makeSite(oauth, tokens: tokens)
            try oauth.initApp(site)
            try await site.test { browser in
                let done = try await Fixture.login("gatehouse", browser: browser, provider: providerClient)
                #expect(done.status == .ok, "\(done.text)")
                var old = try #require(tokens["gatehouse"]?.oauth2)
                provider.store.updateToken(accessToken: old.accessToken) { $0.issuedAt = Date(timeIntervalSinceNow: -7200) }
                old.expiresAt = Int(Date().timeIntervalSince1970) - 1
                tokens["gatehouse"] = .oauth2(old)

                let profile = try await browser.get("/profile/gatehouse")
                #expect(profile.status == .ok, "\(profile.text)")
                let updates = tokens.updates.withLock { $0 }
                #expect(updates.count == 1)
                #expect(updates.first?.name == "gatehouse")
                #expect(updates.first?.previous?.accessToken == old.accessToken)
                let renewed = try #require(tokens["gatehouse"]?.oauth2)
                #expect(renewed.accessToken != old.accessToken)
                #expect(!renewed.isExpired())
            }
        }
    }

    @Test func perAppUpdateTokenWinsOverRegistryLevel() async throws {
        let provider = try Fixture.makeProvider()
        try await provider.app.test(.live) { providerClient in
            let tokens = Fixture.TokenStore()
            let base = "http://\(providerClient.host)"
            let oauth = Self.registry(base: base, tokens: tokens)
            let perApp = LockedValue(0)
            oauth.register(
                "gatehouse",
                clientID: Fixture.clientID,
                clientSecret: Fixture.clientSecret,
                accessTokenURL: base + "/oauth/token",
                authorizeURL: base + "/oauth/authorize",
                apiBaseURL: base + "/",
                clientKwargs: ClientOptions(scope: "profile"),
                updateToken: { token, _, request in
                    #expect(request != nil)
                    perApp.withLock { $0 += 1 }
                    tokens["gatehouse"] = .oauth2(token)
                }
            )
            let site = try Fixture.makeSite(oauth, tokens: tokens)
            try oauth.initApp(site)
            try await site.test { browser in
                _ = try await Fixture.login("gatehouse", browser: browser, provider: providerClient)
                var old = try #require(tokens["gatehouse"]?.oauth2)
                old.expiresAt = Int(Date().timeIntervalSince1970) - 1
                tokens["gatehouse"] = .oauth2(old)
                #expect(try await browser.get("/profile/gatehouse").status == .ok)
                #expect(perApp.withLock { $0 } == 1)
                #expect(tokens.updates.withLock { $0.isEmpty })
            }
        }
    }

    @Test func clientSecretNeverReachesTheBrowser() async throws {
        let provider = try Fixture.makeProvider()
        try await provider.app.test(.live) { providerClient in
            let base = "http://\(providerClient.host)"
            let tokens = Fixture.TokenStore()
            let oauth = Self.registry(base: base, tokens: tokens)
            oauth.register(
                "gatehouse_post",
                clientID: "registry-post",
                clientSecret: "post-secret",
                accessTokenURL: base + "/oauth/token",
                authorizeURL: base + "/oauth/authorize",
                apiBaseURL: base + "/",
                clientKwargs: ClientOptions(scope: "profile", tokenEndpointAuthMethod: .clientSecretPost)
            )
            // Sessions kept in the signed cookie itself: whatever the registry puts in the session
            // travels to the browser, readable.
            let site = try Fixture.makeSite(oauth, tokens: tokens, storage: .cookie)
            try oauth.initApp(site)
            try await site.test { browser in
                for (name, clientID, secret) in [
                    ("gatehouse", Fixture.clientID, Fixture.clientSecret), ("gatehouse_post", "registry-post", "post-secret"),
                ] {
                    let start = try await browser.get("/login/\(name)")
                    let location = try #require(start.headers[.location])
                    let query = try Fixture.query(location)
                    #expect(query["client_id"] == clientID)
                    let session = try #require(try Self.sessionCookieContents(browser))
                    #expect(session.contains(try #require(query["state"])))  // the flow is in the cookie...
                    var seen = [location, start.text, session] + start.headers.map(\.value) + browser.cookies.values

                    let back = try await Fixture.consent(providerClient, at: location)
                    let done = try await browser.get("/authorize/\(name)?" + FormURLEncoding.encode(try Fixture.query(back)))
                    #expect(done.status == .ok, "\(done.text)")
                    // ...and the token request, which carries the secret, went from the server.
                    #expect(tokens[name]?.oauth2 != nil)
                    // The callback took the flow out of the session; an emptied session clears the cookie.
                    seen += [back, done.text, try Self.sessionCookieContents(browser) ?? ""] + done.headers.map(\.value)
                    seen += browser.cookies.values
                    let basic = Data("\(clientID):\(secret)".utf8).base64EncodedString()
                    for text in seen {
                        #expect(!text.contains(secret) && !text.contains(basic), "\(name): \(text)")
                    }
                }
            }
        }
    }

    /// The decoded contents of the client site's session cookie (`base64url(JSON).signature`), if
    /// the browser holds one.
    static func sessionCookieContents(_ browser: TestClient) throws -> String? {
        guard let cookie = browser.cookies.first(where: { $0.key.hasSuffix("gatehouse_session") })?.value, !cookie.isEmpty else {
            return nil
        }
        let payload = try #require(cookie.split(separator: ".").first)
        return String(decoding: try #require(Base64URL.decode(String(payload))), as: UTF8.self)
    }

    @Test func tamperedStateIsRefused() async throws {
        let provider = try Fixture.makeProvider()
        try await provider.app.test(.live) { providerClient in
            let tokens = Fixture.TokenStore()
            let oauth = Self.registry(base: "http://\(providerClient.host)", tokens: tokens)
            let site = try Fixture.makeSite(oauth, tokens: tokens)
            try oauth.initApp(site)
            try await site.test { browser in
                let start = try await browser.get("/login/gatehouse")
                let back = try await Fixture.consent(providerClient, at: try #require(start.headers[.location]))
                var query = try Fixture.query(back)
                query.set("state", "forged-state")
                let forged = try await browser.get("/authorize/gatehouse?" + FormURLEncoding.encode(query))
                #expect(forged.status == .badRequest)
                #expect(forged.text == "state_mismatch:-")
                query.set("state", nil)
                let missing = try await browser.get("/authorize/gatehouse?" + FormURLEncoding.encode(query))
                #expect(missing.text == "state_mismatch:-")
                #expect(tokens["gatehouse"] == nil)
            }
        }
    }

    @Test func stateFromAnotherBrowserSessionIsRefused() async throws {
        let provider = try Fixture.makeProvider()
        try await provider.app.test(.live) { providerClient in
            let tokens = Fixture.TokenStore()
            let oauth = Self.registry(base: "http://\(providerClient.host)", tokens: tokens)
            let site = try Fixture.makeSite(oauth, tokens: tokens)
            try oauth.initApp(site)
            try await site.test { victim in
                let start = try await victim.get("/login/gatehouse")
                let back = try await Fixture.consent(providerClient, at: try #require(start.headers[.location]))
                // The callback URL lands in another browser (a new session).
                victim.clearCookies()
                let stolen = try await victim.get("/authorize/gatehouse?" + FormURLEncoding.encode(try Fixture.query(back)))
                #expect(stolen.text == "state_mismatch:-")
                #expect(tokens["gatehouse"] == nil)
            }
        }
    }

    @Test func twoFlowsInTwoTabsBothComplete() async throws {
        let provider = try Fixture.makeProvider()
        try await provider.app.test(.live) { providerClient in
            let tokens = Fixture.TokenStore()
            let oauth = Self.registry(base: "http://\(providerClient.host)", tokens: tokens)
            let site = try Fixture.makeSite(oauth, tokens: tokens)
            try oauth.initApp(site)
            try await site.test { browser in
                let first = try await browser.get("/login/gatehouse")
                let second = try await browser.get("/login/gatehouse")
                let backFirst = try await Fixture.consent(providerClient, at: try #require(first.headers[.location]))
                let backSecond = try await Fixture.consent(providerClient, at: try #require(second.headers[.location]))
                #expect(try Fixture.query(backFirst)["state"] != Fixture.query(backSecond)["state"])

                let doneSecond = try await browser.get("/authorize/gatehouse?" + FormURLEncoding.encode(try Fixture.query(backSecond)))
                #expect(doneSecond.status == .ok, "\(doneSecond.text)")
                let secondToken = try #require(tokens["gatehouse"]?.oauth2)
                let doneFirst = try await browser.get("/authorize/gatehouse?" + FormURLEncoding.encode(try Fixture.query(backFirst)))
                #expect(doneFirst.status == .ok, "\(doneFirst.text)")
                #expect(tokens["gatehouse"]?.oauth2?.accessToken != secondToken.accessToken)
            }
        }
    }

    @Test func accessDeniedIsATypedProviderError() async throws {
        let provider = try Fixture.makeProvider()
        try await provider.app.test(.live) { providerClient in
            let tokens = Fixture.TokenStore()
            let oauth = Self.registry(base: "http://\(providerClient.host)", tokens: tokens)
            let site = try Fixture.makeSite(oauth, tokens: tokens)
            try oauth.initApp(site)
            try await site.test { browser in
                let start = try await browser.get("/login/gatehouse")
                let back = try await Fixture.consent(providerClient, at: try #require(start.headers[.location]), allow: false)
                #expect(try Fixture.query(back)["error"] == "access_denied")
                let denied = try await browser.get("/authorize/gatehouse?" + FormURLEncoding.encode(try Fixture.query(back)))
                #expect(denied.text == "provider_error:access_denied")
                // The pending flow is gone: the same state cannot be completed afterwards.
                var query = try Fixture.query(back)
                query.set("error", nil)
                query.set("code", "anything")
                let retry = try await browser.get("/authorize/gatehouse?" + FormURLEncoding.encode(query))
                #expect(retry.text == "state_mismatch:-")
            }
        }
    }

    @Test func djangoStyleRequestAndExplicitTokenWithComplianceFix() async throws {
        let provider = try Fixture.makeProvider()
        try await provider.app.test(.live) { providerClient in
            let tokens = Fixture.TokenStore()
            let tokenResponses = LockedValue(0)
            let oauth = Self.registry(base: "http://\(providerClient.host)", tokens: tokens) { session in
                session.registerComplianceHook(.protectedRequest) { request in
                    var request = request
                    request.headers[HTTPField.Name("X-Compliance")!] = "fixed"
                    return request
                }
                session.registerComplianceHook(.accessTokenResponse) { response in
                    tokenResponses.withLock { $0 += 1 }
                    return response
                }
            }
            let site = try Fixture.makeSite(oauth, tokens: tokens)
            try oauth.initApp(site)
            try await site.test { browser in
                let done = try await Fixture.login("gatehouse", browser: browser, provider: providerClient, prefix: "/django")
                #expect(done.status == .ok, "\(done.text)")
                #expect(tokenResponses.withLock { $0 } == 1)
                let token = try #require(tokens["gatehouse"])
                // Outside any request: the token is passed by hand.
                let response = try await oauth.gatehouse.get("api/headers", token: token)
                #expect(response.status == 200)
                #expect(response.text == "fixed")
                #expect(provider.seen.withLock { $0 } == ["fixed"])
            }
        }
    }

    @Test func noTokenIsMissingTokenError() async throws {
        let tokens = Fixture.TokenStore()
        let oauth = Self.registry(base: "http://127.0.0.1:9", tokens: tokens)
        let error = await #expect(throws: OAuthClientError.self) { try await oauth.gatehouse.get("api/me") }
        #expect(error?.code == .missingToken)
        let unknown = await #expect(throws: OAuthClientError.self) { try await oauth.nobody.get("api/me") }
        #expect(unknown?.code == .invalidConfiguration)
        #expect(oauth.createClient("nobody") == nil)
    }

    @Test func clientSecretPostFromClientKwargs() async throws {
        let provider = try Fixture.makeProvider()
        try await provider.app.test(.live) { providerClient in
            let base = "http://\(providerClient.host)"
            let tokens = Fixture.TokenStore()
            let oauth = OAuth(fetchToken: { name, _ in tokens[name] })
            oauth.register(
                "gatehouse",
                clientID: "registry-post",
                clientSecret: "post-secret",
                accessTokenURL: base + "/oauth/token",
                authorizeURL: base + "/oauth/authorize",
                apiBaseURL: base + "/api/",
                clientKwargs: ClientOptions(scope: "profile", tokenEndpointAuthMethod: .clientSecretPost)
            )
            let site = try Fixture.makeSite(oauth, tokens: tokens)
            try oauth.initApp(site)
            try await site.test { browser in
                let done = try await Fixture.login("gatehouse", browser: browser, provider: providerClient)
                #expect(done.status == .ok, "\(done.text)")
                // "/api/me" replaces the base's path, "me" is relative to /api/.
                let token = try #require(tokens["gatehouse"])
                #expect(try await oauth.gatehouse.get("me", token: token).status == 200)
                #expect(try await oauth.gatehouse.get("/api/me", token: token).status == 200)
            }
        }
    }
}
