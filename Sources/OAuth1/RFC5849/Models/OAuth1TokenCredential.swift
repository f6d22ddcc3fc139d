/// A token credential ("access token" and secret) of RFC 5849 §2.3, used to access protected resources (§3).
///
/// Authlib's `TokenCredentialMixin`. Token credentials do not expire in OAuth 1; keep them in a
/// durable store.
public protocol OAuth1TokenCredential: Sendable {
    /// The client the credential was issued to. **Required.**
    var clientID: String { get }
    /// `oauth_token`. **Required.**
    var oauthToken: String { get }
    /// `oauth_token_secret`. **Required.**
    var oauthTokenSecret: String { get }
    /// The resource owner who granted access. **Required.**
    var userID: String? { get }

    /// Binds the resource owner who granted access (Authlib's `set_grant_user`). **Required.**
    ///
    /// - Parameter userID: the identifier of the user.
    mutating func setGrantUser(_ userID: String)
}
