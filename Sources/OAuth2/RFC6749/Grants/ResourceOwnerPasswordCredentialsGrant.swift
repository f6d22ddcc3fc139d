import GatehouseCommon
import GatehouseOperations

/// The resource owner password credentials grant (RFC 6749 §4.3): implement ``authenticateUser(username:password:)``.
///
/// Use it only for highly trusted clients (RFC 9700 §2.4 says it MUST NOT be used otherwise).
///
/// The flow is the core's and final: ``AuthorizationServer/registerGrant(_:extensions:)`` serves
/// `grant_type=password` with it, calling the hook; a conformer cannot replace its checks (client
/// authentication, scope, brute-force throttling), whatever else it declares.
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
public protocol ResourceOwnerPasswordCredentialsGrant: OAuth2Grant {
    /// Checks a username and password. **Required.**
    ///
    /// - Returns: the user, or `nil` when the credentials are wrong (`invalid_grant`).
    func authenticateUser(username: String, password: String) async throws -> (any OAuth2User)?
}

// The flow, run by ``PasswordFlow`` only: internal, not requirements, so statically dispatched; a
// conformer's methods of the same names are never called instead.
extension ResourceOwnerPasswordCredentialsGrant {
    /// RFC 6749 §4.3.2: `username` and `password` required, client authenticated, scope checked, and
    /// the server MUST protect the endpoint against brute force: the server's
    /// ``AuthorizationServer/Configuration/passwordThrottle`` counts failures per user name and client
    /// address and, past its limits, answers 429 before the password is checked.
    func validateTokenRequest(_ request: OAuth2Request, context: GrantContext) async throws(OAuth2Error) -> GrantRequest {
        let client = try await context.server.authenticateClient(
            request,
            methods: PasswordFlow<Self>.tokenEndpointAuthMethods,
            grantType: .password
        )
        guard let username = request.form["username"], !username.isEmpty else {
            throw .invalidRequest("Missing username.")
        }
        guard let password = request.form["password"] else {
            throw .invalidRequest("Missing password.")
        }
        let scope = try context.server.validateRequestedScope(request.form["scope"], client: client)
        let throttle = context.server.configuration.passwordThrottle
        let address = request.clientAddress
        if let wait = try await context.server.callHook("throttle", { try await throttle.retryAfter(account: username, address: address) })
        {
            throw .throttled(retryAfter: wait)
        }
        let user = try await context.server.callHook("authenticateUser") {
            try await authenticateUser(username: username, password: password)
        }
        guard let user else {
            _ = try await context.server.callHook("throttle") { try await throttle.recordFailure(account: username, address: address) }
            throw .invalidGrant("Invalid username or password.")
        }
        try await context.server.callHook("throttle") { try await throttle.recordSuccess(account: username) }
        return GrantRequest(request: request, client: client, grantType: .password, user: user, scope: scope)
    }

    /// Issues the token, with a refresh token when the client may use the refresh grant.
    func createTokenResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response {
        let includeRefreshToken = grantRequest.client.checkGrantType(.refreshToken)
        return try await context.server.issueToken(for: grantRequest, includeRefreshToken: includeRefreshToken).response
    }
}
