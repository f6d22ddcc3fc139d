import GatehouseCommon

/// A temporary credential ("request token" and secret) of RFC 5849 §2.1, exchanged for a token
/// credential once the resource owner has authorized it (§2.2, §2.3).
///
/// Authlib's `TemporaryCredentialMixin`. Temporary credentials are short-lived: the server keeps them
/// in a ``/GatehouseCommon/KeyValueCache`` by default (``OAuth1TemporaryCredentialRecord``), or in the application's store.
public protocol OAuth1TemporaryCredential: Sendable {
    /// The client the credential was issued to. **Required.**
    var clientID: String { get }
    /// `oauth_token`. **Required.**
    var oauthToken: String { get }
    /// `oauth_token_secret`. **Required.**
    var oauthTokenSecret: String { get }
    /// The `oauth_callback` given when the credential was requested (an absolute URI or `oob`). **Required.**
    var redirectURI: String? { get }
    /// The `oauth_verifier` issued when the resource owner authorized it; `nil` before. **Required.**
    var verifier: String? { get }
    /// The resource owner who authorized it; `nil` before. **Required.**
    var userID: String? { get }

    /// Whether `verifier` is the one issued for this credential (RFC 5849 §2.3).
    ///
    /// **Default:** compares with ``verifier`` in constant time; `false` while no verifier was issued.
    func checkVerifier(_ verifier: String) -> Bool
}

extension OAuth1TemporaryCredential {
    /// Whether a resource owner has authorized the credential (a verifier or user is set): it can be
    /// authorized only once.
    public var isAuthorized: Bool {
        !(verifier ?? "").isEmpty || !(userID ?? "").isEmpty
    }

    public func checkVerifier(_ verifier: String) -> Bool {
        guard let expected = self.verifier, !expected.isEmpty else { return false }
        return ConstantTimeComparison.isEqual(expected, verifier)
    }
}
