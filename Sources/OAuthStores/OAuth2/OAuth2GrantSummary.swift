public import FoundationEssentials

/// One authorization a user gave a client, as listed on an "authorized applications" page: a token
/// family with at least one usable access or refresh token.
public struct OAuth2GrantSummary: Sendable, Hashable {
    /// The token family; pass it to ``SQLStore/revokeOAuth2Grant(_:userID:)``.
    public let grantID: String
    /// The client.
    public let clientID: String
    /// The client's name, when the client still exists.
    public let clientName: String?
    /// Every scope held by the family's usable tokens, space-delimited.
    public let scope: String?
    /// When the first usable token of the family was issued.
    public let firstIssuedAt: Date
    /// When the latest token of the family was issued.
    public let lastIssuedAt: Date
    /// How many usable token records the family has.
    public let activeTokenCount: Int

    /// Creates a summary.
    public init(
        grantID: String,
        clientID: String,
        clientName: String?,
        scope: String?,
        firstIssuedAt: Date,
        lastIssuedAt: Date,
        activeTokenCount: Int
    ) {
        self.grantID = grantID
        self.clientID = clientID
        self.clientName = clientName
        self.scope = scope
        self.firstIssuedAt = firstIssuedAt
        self.lastIssuedAt = lastIssuedAt
        self.activeTokenCount = activeTokenCount
    }
}
