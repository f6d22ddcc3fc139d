public import OAuth1

/// An ``OAuth1TokenCredential`` held in memory, for tests.
public struct InMemoryOAuth1TokenCredential: OAuth1TokenCredential, Hashable {
    public var clientID: String
    public var oauthToken: String
    public var oauthTokenSecret: String
    public var userID: String?

    /// Creates a credential.
    public init(clientID: String, oauthToken: String, oauthTokenSecret: String, userID: String? = nil) {
        self.clientID = clientID
        self.oauthToken = oauthToken
        self.oauthTokenSecret = oauthTokenSecret
        self.userID = userID
    }

    public mutating func setGrantUser(_ userID: String) {
        self.userID = userID
    }
}
