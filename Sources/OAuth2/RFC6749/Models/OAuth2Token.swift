public import FoundationEssentials

/// A stored token (Authlib's `TokenMixin`): what the resource server, the refresh grant,
/// revocation and introspection look up.
///
/// One record holds an access token and, optionally, its refresh token. Tokens issued along
/// one authorization (the original grant plus every refresh) share a ``grantID`` so reuse
/// detection and revocation can retire the whole family (RFC 9700 §4.14.2).
public protocol OAuth2Token: Sendable {
    /// The access token string. **Required.**
    var accessToken: String { get }
    /// The refresh token string, if one was issued. **Required.**
    var refreshToken: String? { get }
    /// The granted scope, space-delimited. **Required.**
    var scope: String? { get }
    /// The client the token was issued to. **Required.**
    var clientID: String { get }
    /// The resource owner, or `nil` for a client credentials token. **Required.**
    var userID: String? { get }
    /// When the token was issued. **Required.**
    var issuedAt: Date { get }
    /// The access token lifetime in seconds (`0` or less: never expires). **Required.**
    var expiresIn: Int { get }
    /// Whether the token was revoked (by the user, by rotation or by reuse detection). **Required.**
    var isRevoked: Bool { get }
    /// The token family: every token descended from one authorization. **Required.**
    var grantID: String? { get }

    /// The token type. **Default:** `"Bearer"`.
    var tokenType: String { get }
    /// When the token was revoked; used by the refresh grant's reuse grace period.
    /// **Default:** `nil`.
    var revokedAt: Date? { get }
    /// Whether the refresh token expired. **Default:** `false` (refresh tokens live until revoked).
    var isRefreshTokenExpired: Bool { get }
    /// Whether the refresh token expired at `now`, the server's clock; what the refresh grant and
    /// introspection ask. **Default:** ``isRefreshTokenExpired``, for tokens whose refresh token
    /// expiry does not depend on the time asked.
    func isRefreshTokenExpired(at now: Date) -> Bool
}

extension OAuth2Token {
    public var tokenType: String { "Bearer" }
    public var revokedAt: Date? { nil }
    public var isRefreshTokenExpired: Bool { false }
    public func isRefreshTokenExpired(at now: Date) -> Bool { isRefreshTokenExpired }

    /// When the access token expires, or `nil` if it never does.
    public var expiresAt: Date? {
        expiresIn > 0 ? issuedAt.addingTimeInterval(TimeInterval(expiresIn)) : nil
    }

    /// Whether the access token expired at `now` (servers pass their injected clock's time).
    public func isExpired(at now: Date = Date()) -> Bool {
        guard let expiresAt else { return false }
        return now >= expiresAt
    }

    /// Whether the access token expired by the system clock (servers ask ``isExpired(at:)`` with
    /// their injected clock's time instead).
    public var isExpired: Bool { isExpired(at: Date()) }
}
