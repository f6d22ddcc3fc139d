import DemoModel
import GatehouseCommon
import HTTPCore
import HTTPTypes

/// Sends the browser to `location` when thrown from a handler (used for "log in first").
struct RedirectResponse: HTTPResponseError {
    let location: String
    func response(for request: Request) -> Response { .redirect(to: location) }
}

extension DemoSite {
    /// The logged-in user, or `nil`.
    func currentUser(_ request: Request) async throws -> User? {
        guard let id = try request.session["user_id"] else { return nil }
        return try await users.find(id: id)
    }

    /// The logged-in user; otherwise a redirect to the login page that comes back here afterwards.
    func requireUser(_ request: Request) async throws -> User {
        if let user = try await currentUser(request) { return user }
        guard request.method == .get else { throw HTTPError(.forbidden, message: "Log in first.") }
        throw RedirectResponse(location: "/login?next=" + PercentEncoding.encode(request.target))
    }

    /// The context every page gets: the user and the CSRF token for its forms.
    func baseContext(_ request: Request, title: String, user: User?) throws -> [String: Any] {
        var context: [String: Any] = ["title": title, "csrf": try CSRFProtection.token(for: request)]
        if let user { context["user"] = ["username": user.username, "id": user.userID] }
        return context
    }
}
