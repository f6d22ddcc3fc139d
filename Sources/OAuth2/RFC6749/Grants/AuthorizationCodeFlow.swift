/// The core's authorization code flow (RFC 6749 §4.1) over the hooks of an ``AuthorizationCodeGrant``.
///
/// ``AuthorizationServer/registerGrant(_:extensions:)`` registers this in place of the conformer:
/// the server runs the flow of the ``AuthorizationCodeGrant`` extension (statically dispatched),
/// never a method the conformer declares, and the conformer's code runs only in its hooks.
struct AuthorizationCodeFlow<Hooks: AuthorizationCodeGrant>: AuthorizationEndpointGrant, TokenEndpointGrant {
    static var responseTypes: Set<ResponseType> { [.code] }
    static var grantType: GrantType { .authorizationCode }
    static var tokenEndpointAuthMethods: Set<ClientAuthMethod> { [.clientSecretBasic, .clientSecretPost, .none] }

    /// The conformer: storage of codes, users, revocation.
    let hooks: Hooks

    func validateAuthorizationRequest(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> GrantRequest {
        try await hooks.validateAuthorizationRequest(grantRequest, context: context)
    }

    func createAuthorizationResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response {
        try await hooks.createAuthorizationResponse(grantRequest, context: context)
    }

    func validateTokenRequest(_ request: OAuth2Request, context: GrantContext) async throws(OAuth2Error) -> GrantRequest {
        try await hooks.validateTokenRequest(request, context: context)
    }

    func createTokenResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response {
        try await hooks.createTokenResponse(grantRequest, context: context)
    }
}
