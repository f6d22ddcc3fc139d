public import FoundationEssentials

/// A verified RFC 9068 JWT access token as a resource server sees it: the token a
/// ``JWTAccessTokenValidator`` hands to ``ResourceProtector`` (and to `currentToken`).
public struct JWTAccessToken: OAuth2Token, Sendable {
    /// The verified claims.
    public let claims: JWTAccessTokenClaims
    /// The compact JWT.
    public let accessToken: String
    /// How far past `exp` the token is still accepted (clock leeway), in seconds.
    public let leeway: Int

    /// Wraps verified claims.
    public init(claims: JWTAccessTokenClaims, accessToken: String, leeway: Int) {
        self.claims = claims
        self.accessToken = accessToken
        self.leeway = leeway
    }

    /// JWT access tokens carry no refresh token.
    public var refreshToken: String? { nil }
    /// `scope`.
    public var scope: String? { claims.scope }
    /// `client_id`.
    public var clientID: String { claims.clientID }
    /// `sub`, unless it names the client itself (a token without a user, RFC 9068 §2.2).
    public var userID: String? { claims.sub == claims.clientID ? nil : claims.sub }
    /// `iat`.
    public var issuedAt: Date { Date(timeIntervalSince1970: TimeInterval(claims.iat)) }
    /// `exp − iat`, plus the leeway.
    public var expiresIn: Int { max(1, claims.exp - claims.iat + leeway) }
    /// A resource server that checks signatures alone cannot know: `false` (use introspection, or
    /// short lifetimes, when revocation must take effect at once).
    public var isRevoked: Bool { false }
    /// Unknown to a resource server.
    public var grantID: String? { nil }
}
