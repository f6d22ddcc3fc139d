public import OAuth2

/// An in-memory ``OAuth2User`` with a password, for tests.
public struct MemoryUser: OAuth2User, Hashable {
    public var userID: String
    public var username: String
    public var password: String

    public init(userID: String, username: String, password: String) {
        self.userID = userID
        self.username = username
        self.password = password
    }
}
