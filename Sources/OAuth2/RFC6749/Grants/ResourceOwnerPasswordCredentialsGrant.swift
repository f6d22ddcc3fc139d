import GatehouseCommon

/// The resource owner password credentials grant (RFC 6749 §4.3): implement ``authenticateUser(username:password:)``.
///
/// Use it only for highly trusted clients (RFC 9700 §2.4 says it MUST NOT be used otherwise).
///
/// ```swift
/// struct PasswordGrant: ResourceOwnerPasswordCredentialsGrant {
///     let users: UserStore
///     func authenticateUser(username: String, password: String) async throws -> (any OAuth2User)? {
///         try await users.verify(username: username, password: password)
///     }
/// }
/// server.registerGrant(PasswordGrant(users: users))
/// ```
public protocol ResourceOwnerPasswordCredentialsGrant: TokenEndpointGrant {
    /// Checks a username and password. **Required.**
    ///
    /// - Returns: the user, or `nil` when the credentials are wrong (`invalid_grant`).
    func authenticateUser(username: String, password: String) async throws -> (any OAuth2User)?
}

extension ResourceOwnerPasswordCredentialsGrant {
    public static var grantType: GrantType { .password }

    /// RFC 6749 §4.3.2: `username` and `password` required, client authenticated, scope checked.
    public func validateTokenRequest(_ request: OAuth2Request, context: GrantContext) async throws(OAuth2Error) -> GrantRequest {
        let client = try await authenticateClient(request, context: context)
        guard let username = request.form["username"], !username.isEmpty else {
            throw .invalidRequest("Missing username.")
        }
        guard let password = request.form["password"] else {
            throw .invalidRequest("Missing password.")
        }
        let scope = try context.server.validateRequestedScope(request.form["scope"], client: client)
        let user = try await context.server.callHook("authenticateUser") {
            try await authenticateUser(username: username, password: password)
        }
        guard let user else { throw .invalidGrant("Invalid username or password.") }
        return GrantRequest(request: request, client: client, grantType: Self.grantType, user: user, scope: scope)
    }

    /// Issues the token, with a refresh token when the client may use the refresh grant.
    public func createTokenResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response {
        let includeRefreshToken = grantRequest.client.checkGrantType(.refreshToken)
        return try await context.server.issueToken(for: grantRequest, includeRefreshToken: includeRefreshToken).response
    }
}
