public import FoundationEssentials
public import OAuth2

/// An authorization code as stored in `oauth2_codes` (Authlib's `AuthorizationCodeMixin`).
///
/// The table holds only the code's SHA-256 digest; ``code`` is the value the client presented,
/// which is how the record was found. Used codes are kept until they expire, with ``isUsed`` set,
/// so that a second redemption is detected (RFC 6749 §4.1.2).
public struct SQLAuthorizationCode: AuthorizationCode, Hashable {
    /// The code as presented (never read from the database).
    public let code: String
    /// The hex SHA-256 of ``code``: the row's key.
    public let codeDigest: String
    public let clientID: String
    public let redirectURI: String?
    public let scope: String?
    public let userID: String
    public let expiresAt: Date
    public let isUsed: Bool
    public let codeChallenge: String?
    public let codeChallengeMethod: String?
    public let nonce: String?
    public let grantID: String

    /// Creates a code value (as read from the database).
    public init(
        code: String,
        codeDigest: String,
        clientID: String,
        redirectURI: String?,
        scope: String?,
        userID: String,
        expiresAt: Date,
        isUsed: Bool,
        codeChallenge: String?,
        codeChallengeMethod: String?,
        nonce: String?,
        grantID: String
    ) {
        self.code = code
        self.codeDigest = codeDigest
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.scope = scope
        self.userID = userID
        self.expiresAt = expiresAt
        self.isUsed = isUsed
        self.codeChallenge = codeChallenge
        self.codeChallengeMethod = codeChallengeMethod
        self.nonce = nonce
        self.grantID = grantID
    }
}
