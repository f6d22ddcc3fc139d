public import OAuth2
import OAuthIntegration
public import Vapor

/// The OAuth 2 route guard on Vapor (`requireOAuth("profile")`): validates the bearer token
/// (RFC 6750) against the scope requirement and, when it passes, logs the token in
/// (`req.oauthToken`, `req.auth.get(OAuthBearerIdentity.self)`) and binds `currentToken`;
/// otherwise answers 400/401/403 with `WWW-Authenticate: Bearer`, as the HTTPCore guard does.
///
/// `currentToken` is a task-local: it reaches `async` route handlers (Vapor starts them from the
/// guard's task); a synchronous handler runs on the event loop and must read `req.oauthToken`.
public struct BearerGuardMiddleware: Middleware {
    let protector: ResourceProtector
    let scopes: ScopeRequirement
    let optional: Bool
    let scheme: String?
    let schemes = SchemeCache()

    /// Runs the guard, then the route when the token passes.
    public func respond(to request: Vapor.Request, chainingTo next: any Responder) -> EventLoopFuture<Vapor.Response> {
        let scheme = scheme ?? schemes.scheme(of: request)
        return request.respondOnEventLoop { [protector, scopes, optional, scheme] in
            do {
                let parsed = try OAuth2Request(
                    try await request.oauthHTTPRequest(scheme: scheme),
                    decodingQuery: protector.allowsQueryToken
                )
                return try await protector.guarding(parsed, scopes: scopes, optional: optional) { token in
                    if let token { request.auth.login(OAuthBearerIdentity(token: token)) }
                    return try await next.respond(to: request).get()
                }
            } catch let error as OAuth2Error {
                return Vapor.Response(error.response())
            }
        }
    }
}

extension ResourceProtector {
    /// The Vapor guard for routes that need a bearer token with `scopes` (Authlib's `require_oauth(...)`).
    ///
    /// ```swift
    /// let requireOAuth = ResourceProtector()
    /// app.grouped(requireOAuth("profile")).get("api", "me") { req in req.oauthToken?.userID ?? "" }
    /// ```
    ///
    /// - Parameters:
    ///   - scopes: `"a b"` needs all of them, `["a", "b"]` any one, nothing just a valid token.
    ///   - optional: let requests without a token through; a bad token is still refused.
    ///   - scheme: the scheme clients address. **Default:** `https` when the app serves TLS, else `http`.
    /// - Returns: the middleware.
    public func callAsFunction(_ scopes: ScopeRequirement = .none, optional: Bool = false, scheme: String? = nil) -> BearerGuardMiddleware {
        BearerGuardMiddleware(protector: self, scopes: scopes, optional: optional, scheme: scheme)
    }

    /// The same guard with the scope named, as the seeds write it: `requireOAuth(scope: "profile")`.
    public func callAsFunction(scope: ScopeRequirement, optional: Bool = false, scheme: String? = nil) -> BearerGuardMiddleware {
        BearerGuardMiddleware(protector: self, scopes: scope, optional: optional, scheme: scheme)
    }
}
