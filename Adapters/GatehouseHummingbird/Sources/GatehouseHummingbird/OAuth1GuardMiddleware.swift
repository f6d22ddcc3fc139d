public import Hummingbird
public import OAuth1
import OAuthIntegration

/// The OAuth 1 route guard on Hummingbird: verifies the signed request (RFC 5849 §3) and, when it
/// passes, stores the credential in `context.oauth.credential` and binds `currentCredential`;
/// otherwise answers with the protector's error (401 `WWW-Authenticate: OAuth`, or 400).
public struct OAuth1GuardMiddleware<Context: OAuthRequestContext>: RouterMiddleware {
    let protector: OAuth1ResourceProtector
    let scheme: String

    /// Runs the guard, then `next` when the request is authorized.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        let oauthRequest: OAuth1Request
        do {
            oauthRequest = try OAuth1Request(try await request.oauthHTTPRequest(context: context, scheme: scheme))
        } catch let error as OAuth1Error {
            return Response(protector.errorResponse(error))
        }
        return try await protector.guarding(oauthRequest, denied: { Response($0) }) { authorized in
            var context = context
            context.oauth.credential = authorized
            return try await next(request, context)
        }
    }
}

extension OAuth1ResourceProtector {
    /// The Hummingbird guard for routes that need an OAuth 1 signed request.
    ///
    /// ```swift
    /// router.group("api/oauth1").add(middleware: protector.middleware())
    /// ```
    ///
    /// - Parameter scheme: the scheme clients sign when the request head has none. **Default:** `http`.
    /// - Returns: the middleware.
    public func middleware<Context: OAuthRequestContext>(
        scheme: String = "http",
        context: Context.Type = Context.self
    ) -> OAuth1GuardMiddleware<Context> {
        OAuth1GuardMiddleware(protector: self, scheme: scheme)
    }
}
