public import HTTPTypes

extension HTTPField.Name {
    // Literal, valid field names: the failable initialiser only fails on invalid tokens.

    /// `Host` (swift-http-types keeps it as the request's authority; HTTP/1 servers see the field).
    public static let hostField = HTTPField.Name("Host")!
    /// `Forwarded` (RFC 7239), believed only from trusted proxies.
    public static let forwarded = HTTPField.Name("Forwarded")!
    /// `X-Forwarded-Proto`, believed only from trusted proxies.
    public static let xForwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    /// `X-Forwarded-For`, believed only from trusted proxies.
    public static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
    /// `X-Forwarded-Host`, believed only from trusted proxies.
    public static let xForwardedHost = HTTPField.Name("X-Forwarded-Host")!
    /// `X-Frame-Options` (anti-framing on login and consent pages).
    public static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    /// `Pragma` (`no-cache` on token responses, RFC 6749 §5.1).
    public static let pragma = HTTPField.Name("Pragma")!
}
