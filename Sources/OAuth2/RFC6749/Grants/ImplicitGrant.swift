import GatehouseCommon

/// The implicit grant (RFC 6749 §4.2), ready to register: `response_type=token`, the token in
/// the redirect URI's fragment, never a refresh token.
///
/// RFC 9700 §2.1.2 says clients SHOULD NOT use it; register it only for legacy clients.
///
/// ```swift
/// server.registerGrant(ImplicitGrant())
/// ```
public struct ImplicitGrant: AuthorizationEndpointGrant {
    public static let responseTypes: Set<ResponseType> = [.token]
    public static let usesFragment = true

    /// Creates the grant.
    public init() {}

    public func validateAuthorizationRequest(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> GrantRequest
    {
        var grantRequest = grantRequest
        grantRequest.grantType = .implicit
        grantRequest.scope = try context.server.validateRequestedScope(grantRequest.request.data["scope"], client: grantRequest.client)
        return grantRequest
    }

    public func createAuthorizationResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response
    {
        let token = try await context.server.issueToken(for: grantRequest, includeRefreshToken: false)
        var parameters: [(String, String)] = [
            ("access_token", token.accessToken),
            ("token_type", token.tokenType),
            ("expires_in", String(token.expiresIn)),
        ]
        if let scope = token.scope { parameters.append(("scope", scope)) }
        return context.server.authorizationRedirect(grantRequest, parameters: parameters, useFragment: true)
    }
}
