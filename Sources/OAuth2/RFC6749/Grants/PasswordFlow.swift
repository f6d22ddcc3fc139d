/// The core's resource owner password credentials flow (RFC 6749 §4.3) over the hook of a
/// ``ResourceOwnerPasswordCredentialsGrant``.
///
/// ``AuthorizationServer/registerGrant(_:extensions:)`` registers this in place of the conformer:
/// the server runs the flow of the ``ResourceOwnerPasswordCredentialsGrant`` extension (statically
/// dispatched), never a method the conformer declares, and the conformer's code runs only in
/// its hook.
struct PasswordFlow<Hooks: ResourceOwnerPasswordCredentialsGrant>: TokenEndpointGrant {
    static var grantType: GrantType { .password }

    /// The conformer: the password check.
    let hooks: Hooks

    func validateTokenRequest(_ request: OAuth2Request, context: GrantContext) async throws(OAuth2Error) -> GrantRequest {
        try await hooks.validateTokenRequest(request, context: context)
    }

    func createTokenResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response {
        try await hooks.createTokenResponse(grantRequest, context: context)
    }
}
