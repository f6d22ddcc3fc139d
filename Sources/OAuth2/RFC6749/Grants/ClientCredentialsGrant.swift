import GatehouseCommon

/// The client credentials grant (RFC 6749 §4.4), ready to register: it needs no hooks.
///
/// The client authenticates with its secret and receives a token for itself; no refresh token
/// is issued (RFC 6749 §4.4.3).
///
/// ```swift
/// server.registerGrant(ClientCredentialsGrant())
/// ```
public struct ClientCredentialsGrant: TokenEndpointGrant {
    public static let grantType: GrantType = .clientCredentials

    /// Creates the grant.
    public init() {}

    public func validateTokenRequest(_ request: OAuth2Request, context: GrantContext) async throws(OAuth2Error) -> GrantRequest {
        let client = try await authenticateClient(request, context: context)
        guard !client.isPublic else {
            throw .unauthorizedClient("Public clients cannot use the client credentials grant.")
        }
        let scope = try context.server.validateRequestedScope(request.form["scope"], client: client)
        return GrantRequest(request: request, client: client, grantType: Self.grantType, scope: scope)
    }

    public func createTokenResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response {
        try await context.server.issueToken(for: grantRequest, includeRefreshToken: false).response
    }
}
