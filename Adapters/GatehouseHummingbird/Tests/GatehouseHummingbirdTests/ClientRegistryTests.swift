import GatehouseCommon
import GatehouseHummingbird
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import HummingbirdTesting
import OAuthClient
import OAuthIntegration
import Testing

/// The client registry on hummingbird-auth sessions: the login redirect carries `state` and an
/// S256 challenge and leaves the pending flow in the server-side session (the browser gets only a
/// session cookie); a callback whose state belongs to no flow of that session, or that comes from
/// another browser, is refused. No network: the code is never exchanged.
@Suite struct ClientRegistryTests {
    struct AppSession: OAuthClientSessionStorage {
        var oauthPendingFlows: [String: String] = [:]
        init() {}
    }

    typealias AppContext = BasicSessionRequestContext<AppSession, String>

    static func router() -> Router<AppContext> {
        let oauth = HummingbirdOAuth<AppContext>()
        oauth.register(
            "provider",
            clientID: "hb-client",
            clientSecret: "hb-secret",
            accessTokenURL: "https://id.example/oauth/token",
            authorizeURL: "https://id.example/oauth/authorize"
        )
        let router = Router(context: AppContext.self)
        router.add(middleware: SessionMiddleware(storage: MemoryPersistDriver()))
        router.get("login") { request, context in
            try await oauth.provider.authorizeRedirect(request, context: context, redirectURI: "https://app.example/callback")
        }
        router.get("callback") { request, context -> String in
            do {
                _ = try await oauth.provider.authorizeAccessToken(request, context: context)
                return "exchanged"
            } catch let error as OAuthClientError {
                return error.code.rawValue
            }
        }
        return router
    }

    /// The `name=value` part of a `Set-Cookie`.
    static func cookie(_ response: TestResponse) throws -> String {
        let setCookie = try #require(response.headers[.setCookie])
        return String(try #require(setCookie.split(separator: ";").first))
    }

    static func query(_ location: String) throws -> GatehouseCommon.Parameters {
        try FormURLEncoding.decode(String(try #require(location.split(separator: "?", maxSplits: 1).last)))
    }

    @Test func theLoginRedirectsWithStateAndS256AndKeepsTheFlowServerSide() async throws {
        try await Application(router: Self.router()).test(.router) { client in
            try await client.execute(uri: "/login", method: .get) { response in
                #expect(response.status == .found)
                let location = try #require(response.headers[.location])
                #expect(location.hasPrefix("https://id.example/oauth/authorize?"))
                let query = try Self.query(location)
                #expect(query["state"] != nil)
                #expect(query["code_challenge_method"] == "S256")
                // Only an opaque session id goes to the browser, never the verifier.
                let cookie = try Self.cookie(response)
                #expect(!cookie.contains(query["state"] ?? "-"))
            }
        }
    }

    @Test func aCallbackWithAForeignStateOrFromAnotherBrowserIsRefused() async throws {
        try await Application(router: Self.router()).test(.router) { client in
            let (state, cookie) = try await client.execute(uri: "/login", method: .get) { response in
                let location = try #require(response.headers[.location])
                let state = try #require(try Self.query(location)["state"])
                return (state, try Self.cookie(response))
            }
            try await client.execute(uri: "/callback?code=c&state=forged", method: .get, headers: [.cookie: cookie]) { response in
                #expect(String(buffer: response.body) == "state_mismatch")
            }
            // The right state, but no session: another browser.
            try await client.execute(uri: "/callback?code=c&state=\(state)", method: .get) { response in
                #expect(String(buffer: response.body) == "state_mismatch")
            }
        }
    }
}
