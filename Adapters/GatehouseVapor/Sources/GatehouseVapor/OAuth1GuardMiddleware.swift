public import OAuth1
import OAuthIntegration
public import Vapor

/// The OAuth 1 route guard on Vapor: verifies the signed request (RFC 5849 §3) and, when it passes,
/// logs the credential in (`req.oauthCredential`) and binds `currentCredential`; otherwise answers
/// with the protector's error (401 `WWW-Authenticate: OAuth`, or 400). `currentCredential` reaches
/// `async` route handlers; a synchronous one reads `req.oauthCredential`.
public struct OAuth1GuardMiddleware: Middleware {
    let protector: OAuth1ResourceProtector
    let scheme: String?
    let schemes = SchemeCache()

    /// Runs the guard, then the route when the request is authorized.
    public func respond(to request: Vapor.Request, chainingTo next: any Responder) -> EventLoopFuture<Vapor.Response> {
        let scheme = scheme ?? schemes.scheme(of: request)
        return request.respondOnEventLoop { [protector, scheme] in
            let parsed: OAuth1Request
            do {
                parsed = try OAuth1Request(try await request.oauthHTTPRequest(scheme: scheme))
            } catch let error as OAuth1Error {
                return Vapor.Response(protector.errorResponse(error))
            }
            return try await protector.guarding(parsed, denied: { Vapor.Response($0) }) { authorized in
                request.auth.login(OAuth1Identity(authorized: authorized))
                return try await next.respond(to: request).get()
            }
        }
    }
}

extension OAuth1ResourceProtector {
    /// The Vapor guard for routes that need an OAuth 1 signed request:
    /// `app.grouped(protector.middleware()).get("api", "oauth1", "me") { ... }`.
    ///
    /// - Parameter scheme: the scheme clients sign. **Default:** `https` when the app serves TLS, else `http`.
    /// - Returns: the middleware.
    public func middleware(scheme: String? = nil) -> OAuth1GuardMiddleware {
        OAuth1GuardMiddleware(protector: self, scheme: scheme)
    }
}
