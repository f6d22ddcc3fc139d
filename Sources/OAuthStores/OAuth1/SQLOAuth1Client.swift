public import FoundationEssentials
public import OAuth1

/// An OAuth 1 client as stored in `oauth1_clients` (Authlib's `OAuth1ClientMixin`).
///
/// The client secret is stored **in clear**, unlike OAuth 2 secrets: HMAC-SHA1 and PLAINTEXT
/// signatures are verified by recomputing them with the shared secret itself (RFC 5849 §3.4.2,
/// §3.4.4), which a digest would make impossible. Restrict access to the database (file
/// permissions, PostgreSQL roles, encrypted backups) as you would for a key store; clients that
/// can use RSA-SHA1 need only their public key.
public struct SQLOAuth1Client: OAuth1Client, Hashable {
    public let clientID: String
    /// The shared secret, in clear (see the type's documentation).
    public let clientSecret: String
    /// The name shown on the authorization page.
    public let name: String
    /// The RSA public key in PEM, for RSA-SHA1 (RFC 5849 §3.4.3).
    public let rsaPublicKey: String?
    /// The registered callback URIs; `oauth_callback` must be one of them or `oob`.
    public let redirectURIs: [String]
    /// The application user who registered the client, if any.
    public let ownerUserID: String?
    /// When the client was registered.
    public let issuedAt: Date

    /// Creates a client value (as read from the database).
    public init(
        clientID: String,
        clientSecret: String,
        name: String,
        rsaPublicKey: String?,
        redirectURIs: [String],
        ownerUserID: String?,
        issuedAt: Date
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.name = name
        self.rsaPublicKey = rsaPublicKey
        self.redirectURIs = redirectURIs
        self.ownerUserID = ownerUserID
        self.issuedAt = issuedAt
    }

    /// The first registered callback URI.
    public var defaultRedirectURI: String? { redirectURIs.first }
}
