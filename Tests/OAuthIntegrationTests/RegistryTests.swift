import FoundationEssentials
import GatehouseCommon
import GatehouseConfig
import OAuthClient
import OAuthIntegration
import Testing

/// The client registry without any HTTP stack: a request type of the test's own (what a
/// Hummingbird or Vapor adapter provides) drives an OAuth 2 login to the callback, so the
/// registry's state, PKCE and expiry checks are proven framework-neutral. No network: an app
/// without a metadata URL makes no request until the code exchange.
@Suite struct RegistryTests {
    /// A server-side session in memory.
    final class MemorySession: BrowserSession {
        let values = LockedValue<[String: String]>([:])

        subscript(key: String) -> String? {
            get { values.withLock { $0[key] } }
            set { values.withLock { $0[key] = newValue } }
        }

        var keys: [String] { values.withLock { Array($0.keys) } }
    }

    /// The host framework's request: a query and a session, nothing bound as "current".
    struct PlainRequest: RegistryRequest {
        var query: Parameters = [:]
        var session: MemorySession?

        static var current: PlainRequest? { nil }

        func browserSession() throws -> any BrowserSession {
            guard let session else { throw OAuthClientError(.invalidConfiguration, message: "no session") }
            return session
        }

        func callbackParameters() throws -> Parameters { query }
    }

    static func registry(clock: ManualClock = ManualClock()) -> OAuthRegistry<PlainRequest> {
        let registry = OAuthRegistry<PlainRequest>(clock: clock.clock)
        registry.register(
            "provider",
            clientID: "client",
            clientSecret: "secret",
            accessTokenURL: "https://id.example/oauth/token",
            authorizeURL: "https://id.example/oauth/authorize"
        )
        return registry
    }

    /// The query of `url` as parameters.
    static func query(of url: String) throws -> Parameters {
        let query = try #require(url.split(separator: "?", maxSplits: 1).last)
        return try FormURLEncoding.decode(String(query))
    }

    @Test func aLoginRedirectCarriesStateAndS256AndKeepsTheFlowInTheSession() async throws {
        let session = MemorySession()
        let url = try await Self.registry().provider.authorizationRedirectURL(
            PlainRequest(session: session),
            redirectURI: "https://app.example/callback"
        )
        #expect(url.hasPrefix("https://id.example/oauth/authorize?"))
        let query = try Self.query(of: url)
        let state = try #require(query["state"])
        #expect(query["client_id"] == "client")
        #expect(query["code_challenge_method"] == "S256")
        #expect(query["code_challenge"] != nil)
        #expect(session.keys.contains { $0.hasSuffix(state) })
    }

    @Test func aCallbackWithAStateOfNoPendingFlowIsRefused() async throws {
        let session = MemorySession()
        let app = Self.registry().provider
        _ = try await app.authorizationRedirectURL(PlainRequest(session: session), redirectURI: "https://app.example/cb")
        let callback = PlainRequest(query: ["code": "c", "state": "forged"], session: session)
        let error = await #expect(throws: OAuthClientError.self) { _ = try await app.authorizeAccessToken(callback) }
        #expect(error?.code == .stateMismatch)
    }

    @Test func aCallbackAfterTheFlowExpiredIsRefusedByTheInjectedClock() async throws {
        let clock = ManualClock()
        let session = MemorySession()
        let app = Self.registry(clock: clock).provider
        let url = try await app.authorizationRedirectURL(PlainRequest(session: session), redirectURI: "https://app.example/cb")
        let state = try #require(try Self.query(of: url)["state"])
        clock.advance(by: 3601)
        let callback = PlainRequest(query: ["code": "c", "state": state], session: session)
        let error = await #expect(throws: OAuthClientError.self) { _ = try await app.authorizeAccessToken(callback) }
        #expect(error?.code == .stateMismatch)
        #expect(error?.message.contains("expired") == true)
    }

    @Test func withoutABrowserSessionTheLoginIsAConfigurationError() async {
        let error = await #expect(throws: OAuthClientError.self) {
            _ = try await Self.registry().provider.authorizationRedirectURL(PlainRequest(), redirectURI: "https://app.example/cb")
        }
        #expect(error?.code == .invalidConfiguration)
    }

    @Test func registeredAppsCompleteFromTheConfigurationWhenTheRegistryFreezes() throws {
        let registry = OAuthRegistry<PlainRequest>()
        let handle = registry.register("github", authorizeURL: "https://github.example/login")
        try registry.configure(config: Config(["GITHUB_CLIENT_ID": "from-config", "GITHUB_CLIENT_SECRET": "s"]))
        registry.freeze()
        #expect(try handle.configuration.clientID == "from-config")
        #expect(try registry.github.configuration.authorizeURL == "https://github.example/login")
        #expect(registry.names == ["github"])
    }

    @Test func anAppOnlyInTheConfigurationIsFoundByName() throws {
        let registry = OAuthRegistry<PlainRequest>()
        try registry.configure(config: Config(["AUTHLIB_OAUTH_CLIENTS": ["gitlab": ["client_id": "g"]]]))
        #expect(try registry.createClient("gitlab")?.configuration.clientID == "g")
        #expect(registry.createClient("unknown") == nil)
        #expect(throws: OAuthClientError.self) { try registry.unknown.configuration }
    }

    @Test func registeringAfterTheRegistryFroze() async {
        await #expect(processExitsWith: .failure) {
            let registry = OAuthRegistry<PlainRequest>()
            registry.freeze()
            registry.register("late", clientID: "x")
        }
    }
}
