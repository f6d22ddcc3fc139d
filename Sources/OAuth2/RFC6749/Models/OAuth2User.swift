/// A resource owner (Authlib's `get_user_id()`).
///
/// ```swift
/// struct User: OAuth2User { let userID: String }
/// ```
public protocol OAuth2User: Sendable {
    /// The stable identifier of the user. **Required.**
    var userID: String { get }
}
