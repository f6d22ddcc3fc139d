import GatehouseCommon
import GatehouseHummingbird
import GatehouseTesting
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import HummingbirdTesting
import NIOCore
import OAuth2
import OAuthClient
import OAuthIntegration
import OAuthStores
import Testing

/// A whole "log in with X" on Hummingbird, live on loopback: one app is both the provider (the
/// adapter's authorization and token endpoints and bearer guard, on a SQLite store) and the client
/// site (the registry on hummingbird-auth sessions). The registry redirects to the provider, the
/// provider redirects back with a code, and the callback exchanges it over real HTTP (PKCE S256,
/// client_secret_basic) and calls the guarded API with the token.
@Suite struct LiveLoginTests {
    struct AppSession: OAuthClientSessionStorage {
        var oauthPendingFlows: [String: String] = [:]
        init() {}
    }

    struct AppContext: SessionRequestContext, OAuthRequestContext, RemoteAddressRequestContext {
        var coreContext: CoreRequestContextStorage
        var oauth = OAuthIdentity()
        let sessions = SessionContext<AppSession>()
        let remoteAddress: SocketAddress?

        init(source: ApplicationRequestContextSource) {
            coreContext = .init(source: source)
            remoteAddress = source.channel.remoteAddress
        }
    }

    @Test func loginThenExchangeThenAPICallOverRealHTTP() async throws {
        let provider = try await SQLiteProvider.make()
        let server = provider.server
        let requireOAuth = provider.requireOAuth
        let oauth = HummingbirdOAuth<AppContext>()

        let router = Router(context: AppContext.self)
        router.add(middleware: SessionMiddleware(storage: MemoryPersistDriver()))
        // Provider: the user is logged in and consents at once (the consent page is the app's).
        router.get("oauth/authorize") { request, context in
            await server.createAuthorizationResponse(request, context: context, grantUser: OAuth2UserReference(userID: "user-1"))
        }
        router.post("oauth/token") { request, context in await server.createTokenResponse(request, context: context) }
        router.group("api").add(middleware: requireOAuth(scope: "profile"))
            .get("me") { _, context in #"{"id":"\#(context.oauth.token?.userID ?? "-")"}"# }
        // Client site.
        router.get("login") { request, context in
            try await oauth.provider.authorizeRedirect(request, context: context)
        }
        router.get("callback") { request, context -> String in
            let token = try await oauth.provider.authorizeAccessToken(request, context: context)
            return try await oauth.provider.get("me", token: token).text
        }

        try await Application(router: router).test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            try await provider.register(as: "provider", on: oauth, base: base)

            let (authorize, cookie) = try await client.execute(uri: "/login", method: .get) { response in
                #expect(response.status == .found)
                let location = try #require(response.headers[.location])
                let setCookie = try #require(response.headers[.setCookie])
                return (location, String(try #require(setCookie.split(separator: ";").first)))
            }
            #expect(authorize.hasPrefix(base + "/oauth/authorize?"))
            let callback = try await client.execute(uri: String(authorize.dropFirst(base.count)), method: .get) { response in
                #expect(response.status == .found)
                return try #require(response.headers[.location])
            }
            #expect(callback.hasPrefix(base + "/callback?code="))
            try await client.execute(uri: String(callback.dropFirst(base.count)), method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"id":"user-1"}"#)
            }
            // The code was single use: the same callback again finds no pending flow.
            try await client.execute(uri: String(callback.dropFirst(base.count)), method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status != .ok)
            }
        }
        try await provider.close()
    }
}
