/// The core's introspection flow (RFC 7662) over the hooks of an ``IntrospectionEndpoint``.
///
/// ``AuthorizationServer/registerEndpoint(_:)`` registers this in place of the conformer: the
/// server runs the flow of the ``IntrospectionEndpoint`` extension (statically dispatched), never a
/// method the conformer declares, and the conformer's code runs only in its hooks.
struct IntrospectionFlow<Hooks: IntrospectionEndpoint>: OAuth2Endpoint {
    static var endpointName: String { Hooks.endpointName }

    /// The conformer: token lookup, the members described, the permission check.
    let hooks: Hooks

    func createEndpointResponse(_ request: OAuth2Request, server: AuthorizationServer) async throws(OAuth2Error) -> OAuth2Response {
        try await hooks.createEndpointResponse(request, server: server)
    }
}
