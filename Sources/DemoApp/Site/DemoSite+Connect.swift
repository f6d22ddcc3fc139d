import DemoModel
import GatehouseCommon
import HTTPCore
import HTTPTypes
import OAuth2
import OAuthClient
import OAuthMiddleware
import OAuthStores

extension DemoSite {
    /// The client side: the demo registers itself as a remote app of Gatehouse's client registry
    /// and logs in with this very provider (authorization code + PKCE, as a public client, so no
    /// secret has to be kept in clear), then shows the profile fetched from `/api/me`.
    func registerConnect(_ pages: RouteGroup, origin: String) async throws {
        let callback = origin + "/connect/gatehouse/callback"
        let clientID = try await Self.connectClientID(store: store, origin: origin, callback: callback)
        let oauth = try OAuth(app: app)
        oauth.register(
            "gatehouse",
            clientID: clientID,
            accessTokenURL: origin + "/oauth/token",
            authorizeURL: origin + "/oauth/authorize",
            apiBaseURL: origin + "/api/",
            clientKwargs: ClientOptions(scope: "profile", tokenEndpointAuthMethod: ClientAuthMethod.none, codeChallengeMethod: .s256)
        )

        pages.get("/connect/gatehouse") { request in
            try await oauth.gatehouse.authorizeRedirect(request, redirectURI: callback)
        }
        pages.get("/connect/gatehouse/callback") { [self] request in
            let user = try await currentUser(request)
            do {
                let token = try await oauth.gatehouse.authorizeAccessToken(request)
                let response = try await oauth.gatehouse.get("me", request: request, token: token)
                guard response.status == 200, let profile = try? response.decode(Profile.self) else {
                    throw HTTPError(.badGateway, message: "/api/me answered \(response.status)")
                }
                var context = try baseContext(request, title: "Logged in with Gatehouse", user: user)
                context["id"] = profile.id
                context["username"] = profile.username
                return renderer.page("profile", context)
            } catch let error as OAuthClientError {
                var context = try baseContext(request, title: "Log in with Gatehouse failed", user: user)
                context["message"] = error.errorDescription ?? error.error ?? error.message
                return renderer.page("error", context, status: .badRequest)
            }
        }
    }

    /// The demo's own public client for `origin`, created once and shared through the database.
    static func connectClientID(store: SQLStore, origin: String, callback: String) async throws -> String {
        let cache = SQLCache(store: store)
        let key = "demo:connect_client:" + origin
        if let id = try await cache.get(key) { return id }
        let (client, _) = try await store.createOAuth2Client(
            name: "Gatehouse demo (log in with Gatehouse)",
            redirectURIs: [callback],
            scope: "profile",
            tokenEndpointAuthMethod: ClientAuthMethod.none,
            ownerUserID: nil,
            // The demo's own origin: http only on loopback, or where insecure transport was asked for.
            allowInsecureRedirectURIs: true
        )
        if try await cache.add(key, client.clientID, expires: nil) { return client.clientID }
        return try await cache.get(key) ?? client.clientID  // another node won the race
    }
}
