import DemoModel
import Foundation
import GatehouseCommon
import GatehouseOperations
import HTTPCore
import HTTPTypes
import OAuth2
import OAuthStores

extension DemoSite {
    /// The pages for people: home, login, logout, client registration, grant revocation.
    func registerPages(_ pages: RouteGroup) {
        pages.get("/") { [self] request in
            let user = try await currentUser(request)
            var context = try baseContext(request, title: "Home", user: user)
            if let user {
                let oauth2 = try await store.oauth2Clients(ownerUserID: user.userID).map {
                    ["name": $0.name, "protocol": "OAuth 2.0", "clientID": $0.clientID]
                }
                let oauth1 = try await store.oauth1Clients(ownerUserID: user.userID).map {
                    ["name": $0.name, "protocol": "OAuth 1.0", "clientID": $0.clientID]
                }
                let formatter = ISO8601DateFormatter()
                let csrf = context["csrf"] ?? ""
                context["clients"] = oauth2 + oauth1
                let connections = try await remote.tokens.connections(userID: user.userID)
                context["remoteApps"] = remote.entries.map { entry -> [String: Any] in
                    let connection = connections.first { $0.name == entry.name }
                    var values = connection.map(Self.describe) ?? ["name": entry.name]
                    values["protocol"] = connection?.protocolName ?? remote.protocolName(of: entry.name)
                    values["csrf"] = csrf
                    return values
                }
                context["grants"] = try await store.activeOAuth2Grants(userID: user.userID).map { grant -> [String: Any] in
                    [
                        "clientID": grant.clientName ?? grant.clientID, "scope": grant.scope ?? "",
                        "issued": formatter.string(from: grant.lastIssuedAt),
                        "grantID": grant.grantID, "csrf": csrf,
                    ]
                }
            }
            return renderer.page("home", context)
        }

        pages.get("/login") { [self] request in
            var context = try baseContext(request, title: "Log in", user: try await currentUser(request))
            context["next"] = Self.localPath(try request.query["next"])
            return renderer.page("login", context)
        }

        pages.post("/login") { [self] request in
            let form = try request.form()
            let next = Self.localPath(form["next"])
            let username = form["username"] ?? ""
            // Brute-force protection, checked before the password (RFC 6749 §10.10): a throttled
            // attempt gets the same 429 whether its password is right or not.
            if let wait = try await passwordThrottle.retryAfter(account: username, address: request.clientAddress) {
                var context = try baseContext(request, title: "Log in", user: nil)
                context["message"] = "Too many failed attempts. Try again in \(wait) seconds."
                context["next"] = next
                var response = renderer.page("login", context, status: .tooManyRequests)
                response.headers[.retryAfter] = String(wait)
                return response
            }
            guard let user = try await users.authenticate(username: username, password: form["password"] ?? "") else {
                try await passwordThrottle.recordFailure(account: username, address: request.clientAddress)
                var context = try baseContext(request, title: "Log in", user: nil)
                context["message"] = "Unknown username or wrong password."
                context["next"] = next
                return renderer.page("login", context, status: .unauthorized)
            }
            try await passwordThrottle.recordSuccess(account: username)
            let session = try request.session
            session.regenerate()  // no session fixation across the login; the CSRF token is renewed
            session["user_id"] = user.userID
            return .redirect(to: next)
        }

        pages.post("/logout") { request in
            try request.session.clear()
            return .redirect(to: "/")
        }

        pages.get("/clients") { [self] request in
            let user = try await requireUser(request)
            return renderer.page("clients", try baseContext(request, title: "Register a client", user: user))
        }

        pages.post("/clients") { [self] request in
            let user = try await requireUser(request)
            let form = try request.form()
            var context = try baseContext(request, title: "Register a client", user: user)
            let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
            let redirectURI = (form["redirect_uri"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= 100,
                Self.isAbsoluteRedirectURI(redirectURI) || (form["protocol"] == "oauth1" && redirectURI == "oob")
            else {
                context["message"] = "Give a name and an absolute http(s) redirect URI without a fragment."
                return renderer.page("clients", context, status: .badRequest)
            }
            if form["protocol"] != "oauth1", let problem = RedirectURIRegistration.problem(with: redirectURI) {
                context["message"] = "Redirect URI refused: \(problem)."
                return renderer.page("clients", context, status: .badRequest)
            }
            if form["protocol"] == "oauth1" {
                let (client, secret) = try await store.createOAuth1Client(
                    name: name,
                    callbackURIs: redirectURI == "oob" ? [] : [redirectURI],
                    ownerUserID: user.userID
                )
                context["created"] = ["name": name, "clientID": client.clientID, "secret": secret]
            } else {
                let method = ClientAuthMethod(form["token_endpoint_auth_method"] ?? "client_secret_basic")
                guard [.clientSecretBasic, .clientSecretPost, ClientAuthMethod.none].contains(method) else {
                    context["message"] = "Unknown token endpoint authentication method."
                    return renderer.page("clients", context, status: .badRequest)
                }
                let scope = (form["scope"] ?? "profile").split(separator: " ").filter { ["profile", "email", "notes"].contains($0) }.joined(
                    separator: " "
                )
                let (client, secret) = try await store.createOAuth2Client(
                    name: name,
                    redirectURIs: [redirectURI],
                    scope: scope.isEmpty ? "profile" : scope,
                    tokenEndpointAuthMethod: method,
                    ownerUserID: user.userID
                )
                var created: [String: Any] = ["name": name, "clientID": client.clientID]
                if let secret { created["secret"] = secret }
                context["created"] = created
            }
            return renderer.page("clients", context, status: .created)
        }

        pages.post("/grants/revoke") { [self] request in
            let user = try await requireUser(request)
            if let grant = try request.form()["grant"] { _ = try await store.revokeOAuth2Grant(grant, userID: user.userID) }
            return .redirect(to: "/")
        }
    }

    /// `next` when it is a path on this site (``LocalRedirectPath``), else `/`: never an open redirect.
    static func localPath(_ next: String?) -> String {
        LocalRedirectPath(next)?.value ?? "/"
    }

    /// An absolute http(s) URI with a host and no fragment, as RFC 6749 §3.1.2 requires.
    static func isAbsoluteRedirectURI(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty, components.fragment == nil
        else { return false }
        return true
    }
}
