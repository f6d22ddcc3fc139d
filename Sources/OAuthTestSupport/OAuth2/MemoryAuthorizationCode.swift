public import FoundationEssentials
public import OAuth2

/// An in-memory ``AuthorizationCode`` record, for tests.
public struct MemoryAuthorizationCode: AuthorizationCode {
    public var code: String
    public var clientID: String
    public var redirectURI: String?
    public var scope: String?
    public var userID: String
    public var expiresAt: Date
    public var isUsed: Bool
    public var codeChallenge: String?
    public var codeChallengeMethod: String?
    public var nonce: String?

    public init(
        code: String,
        clientID: String,
        redirectURI: String?,
        scope: String?,
        userID: String,
        expiresAt: Date,
        isUsed: Bool = false,
        codeChallenge: String? = nil,
        codeChallengeMethod: String? = nil,
        nonce: String? = nil
    ) {
        self.code = code
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.scope = scope
        self.userID = userID
        self.expiresAt = expiresAt
        self.isUsed = isUsed
        self.codeChallenge = codeChallenge
        self.codeChallengeMethod = codeChallengeMethod
        self.nonce = nonce
    }
}
