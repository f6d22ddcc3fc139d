import Foundation
import GatehouseCommon
import HTTPCore
import HTTPTypes
import OAuthClient
import OAuthMiddleware
import OAuthTestSupport
import Synchronization
import Testing

/// Registration from the app configuration (`NAME_KEY`, `AUTHLIB_OAUTH_CLIENTS`) and from the
/// provider's metadata document (RFC 8414), with the RFC 9207 `iss` check it turns on.
struct ClientRegistryConfigTests {
    typealias Fixture = RegistryFixture

    @Test func nameKeysCompleteARegistration() async throws {
        let provider = try Fixture.makeProvider()
        try await provider.app.test(.live) { providerClient in
            let base = "http://\(providerClient.host)"
            let tokens = Fixture.TokenStore()
            let config = Config([
                "GATEHOUSE_CLIENT_ID": Fixture.clientID,
                "GATEHOUSE_CLIENT_SECRET": Fixture.clientSecret,
                "GATEHOUSE_ACCESS_TOKEN_URL": base + "/oauth/token",
                "GATEHOUSE_AUTHORIZE_URL": base + "/oauth/authorize",
                "GATEHOUSE_API_BASE_URL": base + "/",
                "GATEHOUSE_AUTHORIZE_PARAMS": "prompt=consent",
                "GATEHOUSE_CLIENT_KWARGS": ["scope": "profile"],
            ])
            let oauth = OAuth()
            oauth.register("gatehouse")
            let site = try Fixture.makeSite(oauth, config: config, tokens: tokens)
            try oauth.initApp(site, fetchToken: { name, _ in tokens[name] })
            let configuration = try oauth.gatehouse.configuration
            #expect(configuration.clientID == Fixture.clientID)
            #expect(configuration.clientKwargs?.scope == "profile")
            #expect(configuration.isOAuth1 == false)
            try await site.test { browser in
                let start = try await browser.get("/login/gatehouse")
                let location = try #require(start.headers[.location])
                #expect(try Fixture.query(location)["prompt"] == "consent")
                #expect(try Fixture.query(location)["scope"] == "profile")
                let back = try await Fixture.consent(providerClient, at: location)
                let done = try await browser.get("/authorize/gatehouse?" + FormURLEncoding.encode(try Fixture.query(back)))
                #expect(done.status == .ok, "\(done.text)")
                #expect(try await browser.get("/profile/gatehouse").status == .ok)
            }
        }
    }

    @Test func authlibOAuthClientsDictionaryRegistersWithoutRegisterCall() async throws {
        let provider = try Fixture.makeProvider()
        try await provider.app.test(.live) { providerClient in
            let base = "http://\(providerClient.host)"
            let tokens = Fixture.TokenStore()
            let clients: [String: any Sendable] = [
                "gatehouse": [
                    "client_id": Fixture.clientID,
                    "client_secret": Fixture.clientSecret,
                    "access_token_url": base + "/oauth/token",
                    "authorize_url": base + "/oauth/authorize",
                    "api_base_url": base + "/",
                    "client_kwargs": ["scope": "profile"],
                ] as [String: any Sendable]
            ]
            let config = Config(["AUTHLIB_OAUTH_CLIENTS": clients])
            let oauth = OAuth(fetchToken: { name, _ in tokens[name] })
            let site = try Fixture.makeSite(oauth, config: config, tokens: tokens)
            try oauth.initApp(site)
            #expect(oauth.createClient("gatehouse") != nil)
            #expect(oauth.createClient("other") == nil)
            try await site.test { browser in
                let done = try await Fixture.login("gatehouse", browser: browser, provider: providerClient)
                #expect(done.status == .ok, "\(done.text)")
                #expect(try await browser.get("/profile/gatehouse").status == .ok)
            }
        }
    }

    @Test func environmentVariablesOfBothStylesAreRead() async throws {
        let config = try await Config.load(environment: [
            "AUTHLIB_OAUTH_CLIENTS_TWITTER_CLIENT_ID": "env-key",
            "AUTHLIB_OAUTH_CLIENTS_TWITTER_REQUEST_TOKEN_URL": "https://api.twitter.example/oauth/request_token",
            "AUTHLIB_OAUTH_CLIENTS_TWITTER_CLIENT_KWARGS_SIGNATURE_METHOD": "RSA-SHA1",
            "TWITTER_CLIENT_SECRET": "flat-secret",
            "TWITTER_CLIENT_KWARGS_SIGNATURE_TYPE": "QUERY",
            "TWITTER_ACCESS_TOKEN_URL": "https://flat.example/token",
            "AUTHLIB_OAUTH_CLIENTS_TWITTER_ACCESS_TOKEN_URL": "https://nested.example/token",
        ])
        let oauth = try OAuth(app: App(config: config))
        let twitter = try #require(oauth.createClient("twitter"))
        let configuration = try twitter.configuration
        #expect(configuration.clientID == "env-key")
        #expect(configuration.clientSecret == "flat-secret")
        #expect(configuration.isOAuth1)
        #expect(configuration.accessTokenURL == "https://flat.example/token")
        #expect(configuration.clientKwargs?.signatureMethod == .rsaSHA1)
        #expect(configuration.clientKwargs?.signaturePlacement == .query)
    }

    @Test func clientKwargsAsJSONTextInAnEnvironmentVariable() async throws {
        let config = try await Config.load(environment: [
            "GITHUB_CLIENT_ID": "gh",
            "GITHUB_CLIENT_KWARGS": #"{"scope": "read:user", "token_endpoint_auth_method": "client_secret_post", "#
                + #""code_challenge_method": "S256", "leeway": 30, "timeout": 2.5}"#,
        ])
        let oauth = try OAuth(app: App(config: config))
        let github = try #require(oauth.createClient("github"))
        let options = try #require(try github.configuration.clientKwargs)
        #expect(options.scope == "read:user")
        #expect(options.tokenEndpointAuthMethod == .clientSecretPost)
        #expect(options.codeChallengeMethod == .s256)
        #expect(options.leeway == 30)
        #expect(options.timeout == .milliseconds(2500))

        for bad in [#"{"scope": "x""#, #"{"code_challenge_method": "S512"}"#, #"{"leeway": "soon"}"#, #"{"timeout": 0}"#] {
            let broken = OAuth()
            broken.register("github")
            let app = App(config: try await Config.load(environment: ["GITHUB_CLIENT_KWARGS": bad]))
            #expect(throws: ConfigError.self, "\(bad)") { try broken.initApp(app) }
        }
    }

    @Test func registeredValuesWinOverConfigAndBadValuesFailAtInitApp() async throws {
        let oauth = OAuth()
        oauth.register("gatehouse", clientID: "from-code")
        try oauth.initApp(App(config: Config(["GATEHOUSE_CLIENT_ID": "from-config", "GATEHOUSE_CLIENT_SECRET": "s"])))
        #expect(try oauth.gatehouse.configuration.clientID == "from-code")
        #expect(try oauth.gatehouse.configuration.clientSecret == "s")

        let broken = OAuth()
        broken.register("gatehouse")
        #expect(throws: ConfigError.self) {
            try broken.initApp(App(config: Config(["GATEHOUSE_CLIENT_KWARGS": ["code_challenge_method": "S512"]])))
        }
    }

    @Test func perAppFetchTokenWinsOverRegistryLevel() async throws {
        let oauth = OAuth(fetchToken: { _, _ in .oauth2(Token(accessToken: "registry")) })
        oauth.register("gatehouse", clientID: "x", apiBaseURL: "http://127.0.0.1:9/", fetchToken: { _ in nil })
        let request = Request(method: .get, target: "/")
        let error = await #expect(throws: OAuthClientError.self) { try await oauth.gatehouse.get("me", request: request) }
        #expect(error?.code == .missingToken)
    }

    @Test func discoveryFromServerMetadataURLWithIssuerCheck() async throws {
        // The issuer names the provider's port, and settings freeze before it serves: take a free
        // port first.
        let port = try await App(config: Config()).withTestClient(.live) { client in
            Int(client.host.split(separator: ":").last ?? "") ?? 0
        }
        let base = "http://127.0.0.1:\(port)"
        let provider = try Fixture.makeProvider(issuer: base)
        try await provider.app.test(.liveOnPort(port)) { providerClient in
            let tokens = Fixture.TokenStore()
            let oauth = OAuth(fetchToken: { name, _ in tokens[name] })
            oauth.register(
                "gatehouse",
                clientID: Fixture.clientID,
                clientSecret: Fixture.clientSecret,
                apiBaseURL: base + "/",
                clientKwargs: ClientOptions(scope: "profile"),
                serverMetadataURL: base + "/.well-known/oauth-authorization-server"
            )
            let site = try Fixture.makeSite(oauth, tokens: tokens)
            try oauth.initApp(site)
            let metadata = try await oauth.gatehouse.loadServerMetadata()
            #expect(metadata.tokenEndpoint == base + "/oauth/token")
            #expect(metadata.authorizationResponseIssParameterSupported)
            try await site.test { browser in
                let start = try await browser.get("/login/gatehouse")
                let location = try #require(start.headers[.location])
                #expect(location.hasPrefix(base + "/oauth/authorize?"))
                let back = try await Fixture.consent(providerClient, at: location)
                var query = try Fixture.query(back)
                #expect(query["iss"] == base)

                // RFC 9207: a forged iss, or none, is refused even with the right state.
                var forged = query
                forged.set("iss", "https://evil.example")
                let refused = try await browser.get("/authorize/gatehouse?" + FormURLEncoding.encode(forged))
                #expect(refused.text == "issuer_mismatch:-")

                let again = try await browser.get("/login/gatehouse")
                query = try Fixture.query(try await Fixture.consent(providerClient, at: try #require(again.headers[.location])))
                query.set("iss", nil)
                let missing = try await browser.get("/authorize/gatehouse?" + FormURLEncoding.encode(query))
                #expect(missing.text == "issuer_mismatch:-")

                let done = try await Fixture.login("gatehouse", browser: browser, provider: providerClient)
                #expect(done.status == .ok, "\(done.text)")
                #expect(try await browser.get("/profile/gatehouse").status == .ok)
            }
        }
    }
}
