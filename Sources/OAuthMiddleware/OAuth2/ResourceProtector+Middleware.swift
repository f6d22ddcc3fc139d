public import HTTPCore
public import OAuth2
import OAuthIntegration

extension ResourceProtector {
    /// A guard for routes that need a bearer token with `scopes` (Authlib's `require_oauth(...)`).
    ///
    /// ```swift
    /// let requireOAuth = ResourceProtector()
    /// app.get("/user", requireOAuth("profile") { _ in .text(currentToken?.userID ?? "") })
    /// app.get("/feed", requireOAuth(["read", "admin"])) { ... }      // any one of them
    /// struct NotesAPI: MethodView { static let decorators: [any Middleware] = [requireOAuth("notes")] ... }
    /// ```
    ///
    /// - Parameters:
    ///   - scopes: `"a b"` needs all of them, `["a", "b"]` any one, nothing or `nil` just a valid token.
    ///   - optional: let requests without a token through with ``/OAuthIntegration/currentToken`` `nil`; a bad token is
    ///     still refused.
    /// - Returns: middleware that refuses with 401 `invalid_token` or 403 `insufficient_scope`
    ///   (with `WWW-Authenticate: Bearer`), and otherwise binds ``/OAuthIntegration/currentToken`` for the handler.
    public func callAsFunction(_ scopes: ScopeRequirement = .none, optional: Bool = false) -> some Middleware {
        BearerGuard(protector: self, scopes: scopes, optional: optional)
    }

    /// Wraps `handler` in the guard, decorator style: `requireOAuth("profile") { request in ... }`.
    public func callAsFunction(_ scopes: ScopeRequirement = .none, optional: Bool = false, _ handler: @escaping Responder) -> Responder {
        BearerGuard(protector: self, scopes: scopes, optional: optional)(handler)
    }

    /// The same guard with the scope named, as the seeds write it: `requireOAuth(scope: "profile")`.
    ///
    /// ```swift
    /// app.get("/user", requireOAuth(scope: "profile")) { _ in .text(currentToken?.userID ?? "") }
    /// ```
    ///
    /// - Parameters:
    ///   - scope: `"a b"` needs all of them, `["a", "b"]` any one.
    ///   - optional: let requests without a token through with ``/OAuthIntegration/currentToken`` `nil`.
    /// - Returns: the middleware of ``callAsFunction(_:optional:)``.
    public func callAsFunction(scope: ScopeRequirement, optional: Bool = false) -> some Middleware {
        BearerGuard(protector: self, scopes: scope, optional: optional)
    }

    /// Wraps `handler` in the guard: `requireOAuth(scope: "profile") { request in ... }`.
    public func callAsFunction(scope: ScopeRequirement, optional: Bool = false, _ handler: @escaping Responder) -> Responder {
        BearerGuard(protector: self, scopes: scope, optional: optional)(handler)
    }
}

/// The middleware behind `requireOAuth(...)`.
struct BearerGuard: Middleware {
    let protector: ResourceProtector
    let scopes: ScopeRequirement
    let optional: Bool

    func handle(_ request: Request, next: Responder) async throws -> Response {
        let oauthRequest = try request.oauth2ResourceRequest(includeQuery: protector.allowsQueryToken)
        return try await protector.guarding(oauthRequest, scopes: scopes, optional: optional) { token in
            if let token { request.locals[OAuth2TokenKey.self] = token }
            return try await next(request)
        }
    }
}

/// Where the guard keeps the token in ``Request/locals``.
enum OAuth2TokenKey: StorageKey {
    typealias Value = any OAuth2Token
}

extension Request {
    /// The OAuth 2 token a guard accepted for this request, if any.
    public var oauth2Token: (any OAuth2Token)? { locals[OAuth2TokenKey.self] }

    /// The OAuth 2 token a guard accepted.
    ///
    /// - Throws: 401 `invalid_token` when the route has no guard or the guard was optional and no token came.
    public func requireToken() throws -> any OAuth2Token {
        guard let token = oauth2Token else { throw OAuth2Error.invalidToken("Missing access token.") }
        return token
    }
}
