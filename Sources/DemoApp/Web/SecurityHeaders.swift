import HTTPCore
import HTTPTypes

/// Anti-framing and content-sniffing headers on the demo's HTML pages, so the login and consent
/// pages cannot be framed by another site (clickjacking, RFC 6749 §10.13, RFC 9700 §4.16).
struct SecurityHeaders: Middleware {
    // A literal, valid field name: the initialiser only fails on invalid tokens.
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    func handle(_ request: Request, next: Responder) async throws -> Response {
        var response = try await next(request)
        response.headers[.contentSecurityPolicy] = "frame-ancestors 'none'; default-src 'self'; style-src 'self' 'unsafe-inline';"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.referrerPolicy] = "no-referrer"
        return response
    }
}
