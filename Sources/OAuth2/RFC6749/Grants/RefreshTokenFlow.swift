/// The core's refresh token flow (RFC 6749 §6, RFC 9700 §4.14.2) over the hooks of a ``RefreshTokenGrant``.
///
/// ``AuthorizationServer/registerGrant(_:extensions:)`` registers this in place of the conformer:
/// the server runs the flow of the ``RefreshTokenGrant`` extension (statically dispatched), never a
/// method the conformer declares, and the conformer's code runs only in its hooks.
struct RefreshTokenFlow<Hooks: RefreshTokenGrant>: TokenEndpointGrant {
    static var grantType: GrantType { .refreshToken }
    static var tokenEndpointAuthMethods: Set<ClientAuthMethod> { [.clientSecretBasic, .clientSecretPost, .none] }

    /// The conformer: token lookup, users, rotation settings, revocation.
    let hooks: Hooks

    func validateTokenRequest(_ request: OAuth2Request, context: GrantContext) async throws(OAuth2Error) -> GrantRequest {
        try await hooks.validateTokenRequest(request, context: context)
    }

    func createTokenResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response {
        try await hooks.createTokenResponse(grantRequest, context: context)
    }
}
