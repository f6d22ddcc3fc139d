public import OAuth2

/// A user of the demo site. Users belong to the application, not to Gatehouse: the OAuth stores
/// only reference their id.
public struct User: OAuth2User, Sendable, Codable {
    /// The id tokens and grants name.
    public var userID: String
    /// The login name.
    public var username: String

    /// Creates a user value.
    public init(userID: String, username: String) {
        self.userID = userID
        self.username = username
    }
}
