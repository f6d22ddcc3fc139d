import GatehouseCommon
import HTTPCore
import HTTPTypes

/// Cross-site request forgery protection for the demo's HTML forms (synchronizer token pattern):
/// each session holds a random token, every form carries it in a hidden `csrf_token` field, and a
/// state-changing form POST without the matching token is refused with 403.
///
/// The OAuth token, revocation and introspection endpoints are not HTML forms and authenticate
/// the client instead, so they are registered outside this middleware.
struct CSRFProtection: Middleware {
    static let sessionKey = "csrf_token"
    static let field = "csrf_token"

    func handle(_ request: Request, next: Responder) async throws -> Response {
        let session = try request.session
        if session[Self.sessionKey] == nil { session[Self.sessionKey] = TokenGenerator.generate(length: 32) }
        if request.method == .post || request.method == .put || request.method == .patch || request.method == .delete {
            let sent = try request.form()[Self.field] ?? ""
            guard let expected = session[Self.sessionKey], ConstantTimeComparison.isEqual(sent, expected) else {
                throw HTTPError(.forbidden, message: "Invalid or missing CSRF token; reload the page and try again.")
            }
        }
        return try await next(request)
    }

    /// The token to put in a form of this request's page.
    static func token(for request: Request) throws -> String {
        try request.session[sessionKey] ?? ""
    }
}
