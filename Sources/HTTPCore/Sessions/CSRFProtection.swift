import GatehouseCommon
import HTTPTypes

/// Cross-site request forgery protection for HTML forms (the synchronizer token pattern): each
/// session holds a random token, every form carries it in a hidden `csrf_token` field, and a
/// state-changing form request (POST, PUT, PATCH, DELETE) without the matching token is refused
/// with 403. Install it after ``SessionMiddleware``.
///
/// The token lives in the session under ``Session/csrfTokenKey``, so ``Session/regenerate(dropping:)`` (at
/// login) drops it and the next page gets a new one: a token read before login cannot forge a
/// request after it. A response whose handler asked for the token (``token(for:)``) gets
/// `Cache-Control: no-store` unless it set its own, so it is neither cached nor compressed (HTTPCore
/// does not compress `no-store` responses: a secret compressed beside reflected input leaks, BREACH).
///
/// Endpoints that authenticate their caller otherwise (OAuth token, revocation and introspection
/// endpoints) are not HTML forms: register them outside this middleware.
///
/// ```swift
/// let pages = app.group("", middleware: sessions, CSRFProtection())
/// let token = try CSRFProtection.token(for: request)   // put in the form's hidden csrf_token field
/// ```
public struct CSRFProtection: Middleware {
    /// The form field that carries the token.
    public static let field = "csrf_token"

    /// Creates the middleware.
    public init() {}

    public func handle(_ request: Request, next: Responder) async throws -> Response {
        let method = request.method
        if method == .post || method == .put || method == .patch || method == .delete {
            let session = try request.session
            let sent = try request.form()[Self.field] ?? ""
            guard let expected = session[Session.csrfTokenKey], ConstantTimeComparison.isEqual(sent, expected) else {
                throw HTTPError(.forbidden, message: "Invalid or missing CSRF token; reload the page and try again.")
            }
        }
        var response = try await next(request)
        if request.locals[TokenIssued.self] == true, response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }

    /// Set when a handler put the token in its page.
    private enum TokenIssued: StorageKey {
        typealias Value = Bool
    }

    /// The token to put in a form of this request's page, created when the session has none (first
    /// visit, or after ``Session/regenerate(dropping:)``).
    ///
    /// - Throws: ``HTTPError`` 500 when no session middleware runs for the route.
    public static func token(for request: Request) throws -> String {
        let session = try request.session
        request.locals[TokenIssued.self] = true
        if let token = session[Session.csrfTokenKey] { return token }
        let token = TokenGenerator.generate(length: 32)
        session[Session.csrfTokenKey] = token
        return token
    }
}
