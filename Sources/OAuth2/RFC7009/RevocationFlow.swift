/// The core's revocation flow (RFC 7009) over the hooks of a ``RevocationEndpoint``.
///
/// ``AuthorizationServer/registerEndpoint(_:)`` registers this in place of the conformer: the
/// server runs the flow of the ``RevocationEndpoint`` extension (statically dispatched), never a
/// method the conformer declares, and the conformer's code runs only in its hooks.
struct RevocationFlow<Hooks: RevocationEndpoint>: OAuth2Endpoint {
    static var endpointName: String { Hooks.endpointName }

    /// The conformer: token lookup and revocation.
    let hooks: Hooks

    func createEndpointResponse(_ request: OAuth2Request, server: AuthorizationServer) async throws(OAuth2Error) -> OAuth2Response {
        try await hooks.createEndpointResponse(request, server: server)
    }
}
