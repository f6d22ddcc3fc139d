public import FoundationEssentials
public import OAuth2

/// The authorization code grant (RFC 6749 §4.1) over ``SQLStore``: Authlib's
/// `OAuth2AuthorizationCodeMixin` plus the grant's storage hooks, ready to register.
///
/// Codes are stored as SHA-256 digests, with their client, user, `redirect_uri` parameter, scope,
/// PKCE challenge, nonce, token family and expiry. Redeeming a code marks it used with one
/// conditional `UPDATE`, so of two nodes racing, exactly one issues tokens; the used code is kept
/// until it expires, and presenting it again revokes the tokens issued from it.
///
/// ```swift
/// server.registerGrant(store.authorizationCodeGrant(), extensions: [CodeChallenge(required: true)])
/// ```
public struct SQLAuthorizationCodeGrant: AuthorizationCodeGrant {
    /// The database.
    public let store: SQLStore
    /// Loads the application's user for a stored user id; `nil` trusts the id (``OAuth2UserReference``).
    public let loadUser: SQLStore.UserLoader?

    /// Creates the grant.
    ///
    /// - Parameters:
    ///   - store: the database.
    ///   - authenticateUser: loads the user who granted a code; return `nil` when the user is gone
    ///     (`invalid_grant`). **Default:** ``OAuth2UserReference`` with the stored id.
    public init(store: SQLStore, authenticateUser: SQLStore.UserLoader? = nil) {
        self.store = store
        self.loadUser = authenticateUser
    }

    public func saveAuthorizationCode(_ code: String, request: GrantRequest, expiresAt: Date) async throws {
        try await store.insertAuthorizationCode(code, request: request, expiresAt: expiresAt)
    }

    public func queryAuthorizationCode(_ code: String, client: any OAuth2Client) async throws -> (any AuthorizationCode)? {
        try await store.authorizationCode(code, clientID: client.clientID)
    }

    public func deleteAuthorizationCode(_ code: any AuthorizationCode) async throws -> Bool {
        let digest = (code as? SQLAuthorizationCode)?.codeDigest ?? SecretDigest.sha256Hex(code.code)
        return try await store.markAuthorizationCodeUsed(digest: digest)
    }

    public func authenticateUser(_ code: any AuthorizationCode) async throws -> (any OAuth2User)? {
        guard let loadUser else { return OAuth2UserReference(userID: code.userID) }
        return try await loadUser(code.userID)
    }

    public func revokeTokens(grantID: String) async throws {
        try await store.revokeOAuth2Tokens(grantID: grantID)
    }
}
