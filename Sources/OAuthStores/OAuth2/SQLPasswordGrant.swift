public import OAuth2

/// The resource owner password credentials grant (RFC 6749 §4.3) for ``SQLStore``: the password
/// check stays the application's, as in the seed's `PasswordGrant.authenticate_user`; tokens are
/// saved by the server's `saveToken` hook.
///
/// ```swift
/// server.registerGrant(store.passwordGrant { username, password in
///     try await users.verify(username: username, password: password)
/// })
/// ```
public struct SQLPasswordGrant: ResourceOwnerPasswordCredentialsGrant {
    /// Checks a username and password.
    public let check: @Sendable (_ username: String, _ password: String) async throws -> (any OAuth2User)?

    /// Creates the grant.
    ///
    /// - Parameter authenticateUser: returns the user, or `nil` for wrong credentials (`invalid_grant`).
    public init(authenticateUser: @escaping @Sendable (_ username: String, _ password: String) async throws -> (any OAuth2User)?) {
        self.check = authenticateUser
    }

    public func authenticateUser(username: String, password: String) async throws -> (any OAuth2User)? {
        try await check(username, password)
    }
}
