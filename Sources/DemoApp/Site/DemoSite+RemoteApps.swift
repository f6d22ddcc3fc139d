import DemoModel
import Foundation
import GatehouseCommon
import HTTPCore
import HTTPTypes
import Logging
import OAuthClient
import OAuthMiddleware

extension DemoSite {
    /// The seeds' shared routes for every remote app of the registry: `/login/:name`,
    /// `/authorize/:name` (the callback), `/profile/:name` and `POST /disconnect/:name`.
    func registerRemoteApps(_ pages: RouteGroup) {
        pages.get("/login/:name") { [self] request in
            let user = try await requireUser(request)
            let (entry, client) = try remoteApp(request)
            do {
                return try await client.authorizeRedirect(request, redirectURI: remote.callback(entry.name))
            } catch let error as OAuthClientError {
                return try clientFailure(request, user: user, title: "Connecting to \(entry.name) failed", error: error)
            }
        }

        pages.get("/authorize/:name") { [self] request in
            let user = try await requireUser(request)
            let (entry, client) = try remoteApp(request)
            do {
                let token = try await client.authorizeAccessToken(request)
                try await remote.tokens.save(token, userID: user.userID, name: entry.name)
                return .redirect(to: "/profile/" + entry.name)
            } catch let error as OAuthClientError {
                return try clientFailure(request, user: user, title: "Connecting to \(entry.name) failed", error: error)
            }
        }

        pages.get("/profile/:name") { [self] request in
            let user = try await requireUser(request)
            let (entry, client) = try remoteApp(request)
            var context = try baseContext(request, title: "Your profile at \(entry.name)", user: user)
            context["name"] = entry.name
            let before = try await connection(entry.name, userID: user.userID)
            guard before != nil else {
                context["message"] = "You have not connected \(entry.name) yet."
                return renderer.page("remote_profile", context, status: .notFound)
            }
            let answer: OAuthClientResponse
            do {
                answer = try await client.get(entry.profilePath, request: request)
            } catch let error as OAuthClientError {
                return try clientFailure(request, user: user, title: "Reading your profile at \(entry.name) failed", error: error)
            }
            let after = try await connection(entry.name, userID: user.userID)
            context["connection"] = after.map(Self.describe)
            if let refreshed = after?.refreshedAt, refreshed != before?.refreshedAt {
                context["refreshedNow"] = "The stored access token had expired: it was refreshed and the new one saved."
            }
            context["path"] = entry.profilePath
            context["status"] = answer.status
            context["fields"] = Self.fields(of: answer)
            context["body"] = String(decoding: answer.body.prefix(4096), as: UTF8.self)
            guard answer.isSuccess else {
                context["message"] = "\(entry.name) answered \(answer.status). Disconnect and connect again if the token was revoked."
                return renderer.page("remote_profile", context, status: .badGateway)
            }
            return renderer.page("remote_profile", context)
        }

        pages.post("/disconnect/:name") { [self] request in
            let user = try await requireUser(request)
            let (entry, client) = try remoteApp(request)
            guard let token = try await remote.tokens.remove(userID: user.userID, name: entry.name) else { return .redirect(to: "/") }
            if case .oauth2(let token) = token {
                await revoke(token, at: entry, client: client)
            }
            return .redirect(to: "/")
        }
    }

    /// The remote app named in the path; an unknown name is a 404.
    private func remoteApp(_ request: Request) throws -> (RemoteApps.Entry, RemoteApp) {
        guard let name = request.parameters["name"], let entry = remote.entry(name), let client = remote.oauth.createClient(name) else {
            throw HTTPError(.notFound, message: "No remote app has that name.")
        }
        return (entry, client)
    }

    /// Revokes a forgotten OAuth 2 token at the provider (RFC 7009) when it has a revocation
    /// endpoint; a failure is logged, the token is forgotten anyway.
    private func revoke(_ token: Token, at entry: RemoteApps.Entry, client: RemoteApp) async {
        do {
            let session = try await client.makeOAuth2Session(token: token)
            guard let url = entry.revocationURL ?? session.metadata.revocationEndpoint else { return }
            try await session.revokeToken(url: url)
        } catch {
            Logger(label: "gatehouse.demo").warning("revoking the \(entry.name) token failed: \(error)")
        }
    }

    /// The user's connection to `name`, if any.
    private func connection(_ name: String, userID: String) async throws -> RemoteTokenStore.Connection? {
        try await remote.tokens.connections(userID: userID).first { $0.name == name }
    }

    /// An OAuth client failure as a page: 502 when the provider could not be reached or answered
    /// nonsense, 400 for the rest (a forged or replayed state, a denied authorization).
    private func clientFailure(_ request: Request, user: User, title: String, error: OAuthClientError) throws -> Response {
        var context = try baseContext(request, title: title, user: user)
        context["message"] = error.errorDescription ?? error.error ?? error.message
        context["hint"] =
            switch error.code {
            case .stateMismatch:
                "This callback does not belong to a login you started here (or was used already). Start again from the home page."
            case .providerError where error.error == "access_denied": "You denied the request. Nothing was stored."
            case .connectionFailed, .unexpectedStatus, .malformedResponse:
                "The provider could not be reached or answered something unexpected. Try again later."
            case .missingToken: "Connect the account first."
            default: "Start again from the home page."
            }
        let upstream: Set<OAuthClientError.Code> = [.connectionFailed, .unexpectedStatus, .malformedResponse]
        return renderer.page("error", context, status: upstream.contains(error.code) ? .badGateway : .badRequest)
    }

    /// A connection as the templates show it.
    static func describe(_ connection: RemoteTokenStore.Connection) -> [String: Any] {
        let formatter = ISO8601DateFormatter()
        var values: [String: Any] = [
            "name": connection.name, "protocol": connection.protocolName,
            "connected": formatter.string(from: connection.connectedAt),
        ]
        if let refreshed = connection.refreshedAt { values["refreshed"] = formatter.string(from: refreshed) }
        if let expires = connection.expiresAt { values["expires"] = formatter.string(from: expires) }
        return values
    }

    /// The top-level members of a JSON object answer, as rows of text; empty for anything else.
    static func fields(of answer: OAuthClientResponse) -> [[String: String]] {
        guard let object = answer.jsonObject else { return [] }
        return object.keys.sorted().map { key in
            let value = object[key]
            return ["key": key, "value": value?.stringValue ?? value?.intValue.map(String.init) ?? "…"]
        }
    }
}
