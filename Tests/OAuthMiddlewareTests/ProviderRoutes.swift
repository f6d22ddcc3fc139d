import HTTPCore
import HTTPTypes
import OAuthMiddleware
import OAuthTestSupport

/// The provider routes the live tests mount on an app (interop and client registry alike): the
/// consent endpoints approve `user` when the form says `confirm=yes`, and the protected routes
/// answer `{"id": ..., "username": ...}`.
enum ProviderRoutes {
    /// `/oauth/authorize` (GET consent, POST decision), `/oauth/token`, `/oauth/revoke`,
    /// `/oauth/introspect`, the RFC 8414 metadata document and `/api/me` (scope `profile`).
    static func mountOAuth2(on app: App, server: AuthorizationServer, requireOAuth: ResourceProtector, user: MemoryUser) {
        app.get("/oauth/authorize") { request in
            let grant = try await server.validateConsentRequest(request, endUser: user)
            return .html("<p>Allow \(grant.client.clientID)?</p>")
        }
        app.post("/oauth/authorize") { request in
            await server.createAuthorizationResponse(request, grantUser: try request.form()["confirm"] == "yes" ? user : nil)
        }
        app.post("/oauth/token") { request in await server.createTokenResponse(request) }
        app.post("/oauth/revoke") { request in await server.createEndpointResponse("revocation", request) }
        app.post("/oauth/introspect") { request in await server.createEndpointResponse("introspection", request) }
        app.get("/.well-known/oauth-authorization-server") { _ in server.createMetadataResponse() }
        app.get("/api/me", requireOAuth("profile") { _ in try .json(["id": currentToken?.userID ?? "", "username": user.username]) })
    }

    /// `/oauth1/initiate`, `/oauth1/authorize` (GET check, POST decision), `/oauth1/token` and
    /// `/api/oauth1/me` (GET, or POST for clients that sign in the body).
    static func mountOAuth1(on app: App, server: OAuth1AuthorizationServer, requireOAuth1: OAuth1ResourceProtector, user: MemoryUser) {
        app.post("/oauth1/initiate") { request in await server.createTemporaryCredentialsResponse(request) }
        app.get("/oauth1/authorize") { request in
            let credential = try await server.checkAuthorizationRequest(request)
            return .html("<p>Allow \(credential.clientID)?</p>")
        }
        app.post("/oauth1/authorize") { request in
            await server.createAuthorizationResponse(request, grantUser: try request.form()["confirm"] == "yes" ? user.userID : nil)
        }
        app.post("/oauth1/token") { request in await server.createTokenResponse(request) }
        app.on([.get, .post], "/api/oauth1/me", requireOAuth1()) { _ in
            try .json(["id": currentCredential?.userID ?? "", "username": user.username])
        }
    }
}
