public import FoundationEssentials
public import OAuth2

/// An in-memory ``OAuth2Token`` record, for tests.
public struct MemoryToken: OAuth2Token {
    public var accessToken: String
    public var refreshToken: String?
    public var scope: String?
    public var clientID: String
    public var userID: String?
    public var issuedAt: Date
    public var expiresIn: Int
    public var revokedAt: Date?
    public var grantID: String?

    public var isRevoked: Bool { revokedAt != nil }

    public init(
        accessToken: String,
        refreshToken: String? = nil,
        scope: String? = nil,
        clientID: String,
        userID: String? = nil,
        issuedAt: Date = Date(),
        expiresIn: Int = 3600,
        revokedAt: Date? = nil,
        grantID: String? = nil
    ) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.scope = scope
        self.clientID = clientID
        self.userID = userID
        self.issuedAt = issuedAt
        self.expiresIn = expiresIn
        self.revokedAt = revokedAt
        self.grantID = grantID
    }
}
