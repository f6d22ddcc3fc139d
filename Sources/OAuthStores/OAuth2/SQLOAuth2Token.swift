public import FoundationEssentials
public import OAuth2

/// A token record as stored in `oauth2_tokens` (Authlib's `TokenMixin`): an access token and,
/// optionally, its refresh token, with their client, user, scope, lifetime, token family and flags.
///
/// The table holds only SHA-256 digests. A record read back knows in clear only the token it was
/// looked up with: ``accessToken`` and ``refreshToken`` are the presented values when they were the
/// key, and otherwise their digests (which never equal a presented token).
///
/// ``isRevoked`` answers for the token the record was found by: for an access token, whether the
/// access token was revoked; for a refresh token, whether it was revoked or already rotated (its
/// reuse then revokes the family, RFC 9700 §4.14.2).
public struct SQLOAuth2Token: OAuth2Token, Hashable {
    /// Which of the two tokens a record was found by.
    public enum LookupKey: Sendable, Hashable {
        /// The access token (bearer validation, revocation, introspection).
        case accessToken
        /// The refresh token (refresh grant, revocation, introspection).
        case refreshToken
        /// Neither (listing): both tokens appear as digests.
        case none
    }

    /// The access token in clear when the record was found by it, else its digest.
    public let accessToken: String
    /// The refresh token in clear when the record was found by it, else its digest; `nil` when none was issued.
    public let refreshToken: String?
    /// The hex SHA-256 of the access token: the row's key.
    public let accessTokenDigest: String
    /// The hex SHA-256 of the refresh token, if one was issued.
    public let refreshTokenDigest: String?
    /// How the record was found.
    public let lookupKey: LookupKey
    public let tokenType: String
    public let scope: String?
    public let clientID: String
    public let userID: String?
    /// The token family (never `nil` in this store).
    public let grantID: String?
    public let issuedAt: Date
    public let expiresIn: Int
    /// When the refresh token stops working, if it has a lifetime.
    public let refreshTokenExpiresAt: Date?
    /// Whether the access token was revoked (RFC 7009, rotation of its refresh token, family revocation).
    public let isAccessTokenRevoked: Bool
    /// Whether the refresh token was revoked (RFC 7009 or family revocation).
    public let isRefreshTokenRevoked: Bool
    /// Whether the refresh token was already exchanged for a new one (rotation).
    public let isRefreshTokenRotated: Bool
    /// When the record was first revoked or rotated.
    public let revokedAt: Date?

    /// Creates a token value (as read from the database).
    public init(
        accessToken: String,
        refreshToken: String?,
        accessTokenDigest: String,
        refreshTokenDigest: String?,
        lookupKey: LookupKey,
        tokenType: String,
        scope: String?,
        clientID: String,
        userID: String?,
        grantID: String?,
        issuedAt: Date,
        expiresIn: Int,
        refreshTokenExpiresAt: Date?,
        isAccessTokenRevoked: Bool,
        isRefreshTokenRevoked: Bool,
        isRefreshTokenRotated: Bool,
        revokedAt: Date?
    ) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.accessTokenDigest = accessTokenDigest
        self.refreshTokenDigest = refreshTokenDigest
        self.lookupKey = lookupKey
        self.tokenType = tokenType
        self.scope = scope
        self.clientID = clientID
        self.userID = userID
        self.grantID = grantID
        self.issuedAt = issuedAt
        self.expiresIn = expiresIn
        self.refreshTokenExpiresAt = refreshTokenExpiresAt
        self.isAccessTokenRevoked = isAccessTokenRevoked
        self.isRefreshTokenRevoked = isRefreshTokenRevoked
        self.isRefreshTokenRotated = isRefreshTokenRotated
        self.revokedAt = revokedAt
    }

    /// Whether the token the record was found by may no longer be used.
    public var isRevoked: Bool {
        switch lookupKey {
        case .refreshToken: isRefreshTokenRevoked || isRefreshTokenRotated
        case .accessToken, .none: isAccessTokenRevoked
        }
    }

    /// Whether the refresh token's lifetime is over by the system clock (`false` when it has
    /// none). The refresh grant asks ``isRefreshTokenExpired(at:)`` with the server's clock.
    public var isRefreshTokenExpired: Bool { isRefreshTokenExpired(at: Date()) }

    /// Whether the refresh token's lifetime is over at `now` (`false` when it has none).
    public func isRefreshTokenExpired(at now: Date) -> Bool {
        guard let refreshTokenExpiresAt else { return false }
        return now >= refreshTokenExpiresAt
    }
}
