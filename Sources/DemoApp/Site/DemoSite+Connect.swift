import DemoModel
import GatehouseCommon
import HTTPCore
import HTTPTypes
import OAuth2
import OAuthClient
import OAuthMiddleware
import OAuthStores

extension DemoSite {
    /// The first contract's "Log in with Gatehouse": the client registry's `gatehouse` remote app
    /// (authorization code + PKCE, as a public client, so no secret has to be kept in clear) logs
    /// in with this very provider and shows the profile fetched from `/api/me`, without storing the
    /// token (the `/login/gatehouse` route of ``registerRemoteApps(_:)`` stores it).
    func registerConnect(_ pages: RouteGroup) {
        let callback = remote.origin + "/connect/gatehouse/callback"
        let oauth = remote.oauth
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
}
