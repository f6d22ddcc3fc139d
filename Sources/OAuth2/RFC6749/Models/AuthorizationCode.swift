public import FoundationEssentials

/// A stored authorization code (Authlib's `AuthorizationCodeMixin`).
///
/// Codes are single use: the store keeps a used code (``isUsed``) until it expires, so that a
/// second redemption can be detected and the tokens issued from it revoked (RFC 6749 §4.1.2).
public protocol AuthorizationCode: Sendable {
    /// The code string. **Required.**
    var code: String { get }
    /// The client it was issued to. **Required.**
    var clientID: String { get }
    /// The `redirect_uri` sent with the authorization request, or `nil` when it was omitted. **Required.**
    var redirectURI: String? { get }
    /// The granted scope. **Required.**
    var scope: String? { get }
    /// The resource owner who granted it. **Required.**
    var userID: String { get }
    /// When the code expires (at most 10 minutes after issue, RFC 6749 §4.1.2). **Required.**
    var expiresAt: Date { get }
    /// Whether the code was already redeemed. **Required.**
    var isUsed: Bool { get }

    /// The PKCE `code_challenge` (RFC 7636 §4.4). **Default:** `nil`.
    var codeChallenge: String? { get }
    /// The PKCE `code_challenge_method`. **Default:** `nil`.
    var codeChallengeMethod: String? { get }
    /// The OpenID Connect `nonce`. **Default:** `nil`.
    var nonce: String? { get }
    /// The token family id given to tokens issued from this code.
    /// **Default:** a SHA-256 digest of ``code``, so no extra column is needed.
    var grantID: String { get }
}

extension AuthorizationCode {
    public var codeChallenge: String? { nil }
    public var codeChallengeMethod: String? { nil }
    public var nonce: String? { nil }
    public var grantID: String { GrantID.derive(fromCode: code) }

    /// Whether the code expired at `now`.
    public func isExpired(at now: Date = Date()) -> Bool { now >= expiresAt }
}
