public import FoundationEssentials
public import OAuth1

/// An OAuth 1 token credential as stored in `oauth1_token_credentials` (Authlib's
/// `OAuth1TokenCredentialMixin`).
///
/// The token secret is stored in clear: the resource server needs it to verify HMAC-SHA1 and
/// PLAINTEXT signatures (RFC 5849 §3.4.2). Token credentials do not expire; delete them to revoke.
public struct SQLOAuth1TokenCredential: OAuth1TokenCredential, Hashable {
    public let clientID: String
    public let oauthToken: String
    /// The token shared-secret, in clear (see the type's documentation).
    public let oauthTokenSecret: String
    public private(set) var userID: String?
    /// When the credential was issued.
    public let issuedAt: Date

    /// Creates a credential value (as read from the database).
    public init(clientID: String, oauthToken: String, oauthTokenSecret: String, userID: String?, issuedAt: Date) {
        self.clientID = clientID
        self.oauthToken = oauthToken
        self.oauthTokenSecret = oauthTokenSecret
        self.userID = userID
        self.issuedAt = issuedAt
    }

    /// Binds the resource owner (Authlib's `set_grant_user`); the store writes it on creation.
    public mutating func setGrantUser(_ userID: String) {
        self.userID = userID
    }
}
