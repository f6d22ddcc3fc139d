import DemoModel
import GatehouseCommon
import HTTPCore
import HTTPTypes
import NIOCore
import OAuth1
import OAuth2
import OAuthMiddleware
import OAuthStores

extension DemoSite {
    /// The OAuth 2 and OAuth 1 endpoints. The authorization pages sit in `pages` (session, CSRF,
    /// anti-framing); the token endpoints authenticate clients and take no cookies.
    func registerProvider(pages: RouteGroup) {
        // OAuth 2 (RFC 6749, 7009, 7662, 8414).
        pages.get("/oauth/authorize") { [self] request in
            let user = try await requireUser(request)
            let grant: GrantRequest
            do throws(OAuth2Error) {
                grant = try await server.validateConsentRequest(request, endUser: user)
            } catch  where error.redirect != nil {
                return Response(error.response())  // back to the client, with error, state and iss
            } catch {
                var context = try baseContext(request, title: "Invalid authorization request", user: user)
                context["message"] = "\(error.code.rawValue): \(error.description ?? "")"
                return renderer.page("error", context, status: .badRequest)
            }
            var context = try baseContext(request, title: "Authorize", user: user)
            let client = try await store.oauth2Client(id: grant.client.clientID)
            context["clientName"] = client?.name ?? grant.client.clientID
            context["clientID"] = grant.client.clientID
            let scopes = (grant.scope ?? "").split(separator: " ").map(String.init)
            context["scopes"] = scopes
            context["scopeDetails"] = scopes.map {
                ["scope": $0, "meaning": Self.scopeMeanings[$0] ?? "a permission this demo does not describe"]
            }
            context["redirectURI"] = grant.redirectURI ?? ""
            context["action"] = request.target
            return renderer.page("consent", context)
        }
        pages.post("/oauth/authorize") { [self] request in
            let user = try await requireUser(request)
            let confirmed = try request.form()["confirm"] == "yes"
            return await server.createAuthorizationResponse(request, grantUser: confirmed ? user : nil)
        }
        app.post("/oauth/token") { [self] request in await server.createTokenResponse(request) }
        app.post("/oauth/revoke") { [self] request in await server.createEndpointResponse("revocation", request) }
        app.post("/oauth/introspect") { [self] request in await server.createEndpointResponse("introspection", request) }
        app.get("/.well-known/oauth-authorization-server") { [self] _ in server.createMetadataResponse() }

        // OAuth 1 (RFC 5849).
        app.post("/oauth1/initiate") { [self] request in await oauth1.createTemporaryCredentialsResponse(request) }
        pages.get("/oauth1/authorize") { [self] request in
            let user = try await requireUser(request)
            let credential: any OAuth1TemporaryCredential
            do throws(OAuth1Error) {
                credential = try await oauth1.checkAuthorizationRequest(request)
            } catch {
                // A person is looking at this page: an HTML error, not the form-encoded one for clients.
                var context = try baseContext(request, title: "Invalid authorization request", user: user)
                context["message"] = "\(error.code.rawValue): \(error.errorDescription ?? "")"
                return renderer.page("error", context, status: .badRequest)
            }
            var context = try baseContext(request, title: "Authorize", user: user)
            context["clientName"] = try await store.oauth1Client(id: credential.clientID)?.name ?? credential.clientID
            context["clientID"] = credential.clientID
            context["action"] = request.target
            return renderer.page("oauth1_consent", context)
        }
        pages.post("/oauth1/authorize") { [self] request in
            let user = try await requireUser(request)
            let confirmed = try request.form()["confirm"] == "yes"
            let response = await oauth1.createAuthorizationResponse(request, grantUser: confirmed ? user.userID : nil)
            // An `oob` callback: show the verifier to the person instead of a form-encoded body.
            if response.status == .ok, let verifier = try? FormURLEncoding.decode(String(buffer: response.body))["oauth_verifier"] {
                var context = try baseContext(request, title: "Access granted", user: user)
                context["verifier"] = verifier
                return renderer.page("verifier", context)
            }
            // A redirect goes back to the client; anything else (an `oob` denial, an unknown token)
            // is shown to the person as a page rather than a form-encoded body.
            guard response.status.kind == .redirection else {
                let fields = try? FormURLEncoding.decode(String(buffer: response.body))
                let error = fields?["error"] ?? "server_error"
                if error == "access_denied" {
                    var context = try baseContext(request, title: "Access denied", user: user)
                    context["message"] = "You denied the application access."
                    return renderer.page("error", context, status: .forbidden)
                }
                var context = try baseContext(request, title: "Invalid authorization request", user: user)
                context["message"] = "\(error): \(fields?["error_description"] ?? "")"
                return renderer.page("error", context, status: .badRequest)
            }
            return response
        }
        app.post("/oauth1/token") { [self] request in await oauth1.createTokenResponse(request) }
    }

    /// What each scope lets a client do, in the words the consent page shows.
    static let scopeMeanings = [
        "profile": "see your user id and username",
        "email": "see your email address",
        "notes": "read your notes and write new ones",
    ]
}
