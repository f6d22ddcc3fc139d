public import FoundationEssentials
import GatehouseCommon
public import OAuth2

/// An OAuth 2 client as stored in `oauth2_clients` (Authlib's `OAuth2ClientMixin`).
///
/// The client secret is kept only as its SHA-256 hex digest (``clientSecretDigest``), so
/// ``clientSecret`` is always `nil` and ``checkClientSecret(_:)`` hashes the presented secret and
/// compares the digests in constant time (RFC 6749 §2.3.1, §10.2). The clear secret is returned
/// once, by ``SQLStore/createOAuth2Client(name:redirectURIs:grantTypes:responseTypes:scope:tokenEndpointAuthMethod:ownerUserID:clientID:clientSecret:allowInsecureRedirectURIs:)``.
public struct SQLOAuth2Client: OAuth2Client, Hashable {
    /// The `client_id`.
    public let clientID: String
    /// The hex SHA-256 of the secret; `nil` for a public client (`none`).
    public let clientSecretDigest: String?
    /// The human-readable name shown on consent pages (RFC 7591 `client_name`).
    public let name: String
    /// The registered redirect URIs (RFC 6749 §3.1.2.2).
    public let redirectURIs: [String]
    /// The grant types the client may use.
    public let grantTypes: Set<GrantType>
    /// The response types the client may use.
    public let responseTypes: Set<ResponseType>
    /// The scopes the client may request, space-delimited.
    public let scope: String
    /// How the client authenticates at the token endpoint.
    public let tokenEndpointAuthMethod: ClientAuthMethod
    /// The application user who registered the client, if any.
    public let ownerUserID: String?
    /// When the client was registered (RFC 7591 `client_id_issued_at`).
    public let issuedAt: Date

    /// Always `nil`: only the digest is stored. See ``checkClientSecret(_:)``.
    public var clientSecret: String? { nil }

    /// Creates a client value (as read from the database).
    public init(
        clientID: String,
        clientSecretDigest: String?,
        name: String,
        redirectURIs: [String],
        grantTypes: Set<GrantType>,
        responseTypes: Set<ResponseType>,
        scope: String,
        tokenEndpointAuthMethod: ClientAuthMethod,
        ownerUserID: String?,
        issuedAt: Date
    ) {
        self.clientID = clientID
        self.clientSecretDigest = clientSecretDigest
        self.name = name
        self.redirectURIs = redirectURIs
        self.grantTypes = grantTypes
        self.responseTypes = responseTypes
        self.scope = scope
        self.tokenEndpointAuthMethod = tokenEndpointAuthMethod
        self.ownerUserID = ownerUserID
        self.issuedAt = issuedAt
    }

    /// Checks a presented secret against the stored digest, in constant time (RFC 6749 §2.3.1).
    ///
    /// - Parameter secret: the secret the client sent.
    /// - Returns: `false` for a client without a secret.
    public func checkClientSecret(_ secret: String) -> Bool {
        guard let clientSecretDigest, !clientSecretDigest.isEmpty else { return false }
        return ConstantTimeComparison.isEqual(clientSecretDigest, SecretDigest.sha256Hex(secret))
    }
}
