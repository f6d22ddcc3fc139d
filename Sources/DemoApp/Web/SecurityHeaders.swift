import HTTPCore
import HTTPTypes

/// Anti-framing and content-sniffing headers on the demo's HTML pages, so the login and consent
/// pages cannot be framed by another site (clickjacking, RFC 6749 §10.13, RFC 9700 §4.16), and
/// `Cache-Control: no-store` on every page: they show CSRF tokens, consent decisions and, once,
/// a new client's secret, none of which belongs in a cache (and `no-store` also keeps them from
/// being compressed).
struct SecurityHeaders: Middleware {
    // A literal, valid field name: the initialiser only fails on invalid tokens.
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    func handle(_ request: Request, next: Responder) async throws -> Response {
        var response = try await next(request)
        response.headers[.contentSecurityPolicy] = "frame-ancestors 'none'; default-src 'self'; style-src 'self' 'unsafe-inline';"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.referrerPolicy] = "no-referrer"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
