public import Hummingbird
public import OAuth2
import OAuthIntegration

/// The OAuth 2 route guard on Hummingbird (`requireOAuth("profile")`): validates the bearer token
/// (RFC 6750) against the scope requirement and, when it passes, stores the token in
/// `context.oauth.token` and binds `currentToken` for the handler; otherwise answers 400/401/403
/// with `WWW-Authenticate: Bearer`, as the HTTPCore guard does.
public struct BearerGuardMiddleware<Context: OAuthRequestContext>: RouterMiddleware {
    let protector: ResourceProtector
    let scopes: ScopeRequirement
    let optional: Bool
    let scheme: String

    /// Runs the guard, then `next` when the token passes.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        let oauthRequest: OAuth2Request
        do {
            oauthRequest = try OAuth2Request(
                try await request.oauthHTTPRequest(context: context, scheme: scheme),
                decodingQuery: protector.allowsQueryToken
            )
        } catch let error as OAuth2Error {
            return Response(error.response())
        }
        do {
            return try await protector.guarding(oauthRequest, scopes: scopes, optional: optional) { token in
                var context = context
                context.oauth.token = token
                return try await next(request, context)
            }
        } catch let error as OAuth2Error {
            return Response(error.response())
        }
    }
}

extension ResourceProtector {
    /// The Hummingbird guard for routes that need a bearer token with `scopes` (Authlib's
    /// `require_oauth(...)`).
    ///
    /// ```swift
    /// let requireOAuth = ResourceProtector()
    /// router.group("api").add(middleware: requireOAuth("profile"))
    ///     .get("me") { _, context in context.oauth.token?.userID ?? "" }
    /// ```
    ///
    /// - Parameters:
    ///   - scopes: `"a b"` needs all of them, `["a", "b"]` any one, nothing just a valid token.
    ///   - optional: let requests without a token through; a bad token is still refused.
    ///   - scheme: the scheme clients address when the request head has none. **Default:** `http`.
    /// - Returns: the middleware.
    public func callAsFunction<Context: OAuthRequestContext>(
        _ scopes: ScopeRequirement = .none,
        optional: Bool = false,
        scheme: String = "http",
        context: Context.Type = Context.self
    ) -> BearerGuardMiddleware<Context> {
        BearerGuardMiddleware(protector: self, scopes: scopes, optional: optional, scheme: scheme)
    }

    /// The same guard with the scope named, as the seeds write it: `requireOAuth(scope: "profile")`.
    public func callAsFunction<Context: OAuthRequestContext>(
        scope: ScopeRequirement,
        optional: Bool = false,
        scheme: String = "http",
        context: Context.Type = Context.self
    ) -> BearerGuardMiddleware<Context> {
        BearerGuardMiddleware(protector: self, scopes: scope, optional: optional, scheme: scheme)
    }
}
