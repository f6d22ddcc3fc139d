public import OAuth2

/// A resource owner known only by the id the store recorded with a code or token.
///
/// Users belong to the application; the stores keep their ids. The grant conformances return this
/// value when no `authenticateUser` closure was given, which trusts that the user still exists.
public struct OAuth2UserReference: OAuth2User, Hashable {
    public let userID: String

    /// Creates a reference to the user `userID`.
    public init(userID: String) { self.userID = userID }
}
