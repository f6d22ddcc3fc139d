/// A client-authenticated endpoint registered with ``AuthorizationServer/registerEndpoint(_:)``
/// whose flow is its own (Authlib's `TokenEndpoint`).
///
/// Revocation (RFC 7009) and introspection (RFC 7662) are not served through a conformer's
/// methods: a conformer of ``RevocationEndpoint`` or ``IntrospectionEndpoint`` implements only
/// hooks, and the server registers the core's own flow over them, before any
/// ``OAuth2Endpoint`` conformance of the same value (so it cannot take over a built-in name).
public protocol OAuth2Endpoint: RegistrableEndpoint {
    /// The name used with ``AuthorizationServer/createEndpointResponse(_:_:)``, e.g. `"revocation"`. **Required.**
    static var endpointName: String { get }

    /// The client authentication methods accepted.
    /// **Default:** `client_secret_basic`, `client_secret_post`, `none`.
    static var clientAuthMethods: Set<ClientAuthMethod> { get }

    /// Handles a request. **Required.**
    ///
    /// - Throws: an ``OAuth2Error`` rendered as JSON with `Cache-Control: no-store`.
    func createEndpointResponse(_ request: OAuth2Request, server: AuthorizationServer) async throws(OAuth2Error) -> OAuth2Response
}

extension OAuth2Endpoint {
    public static var clientAuthMethods: Set<ClientAuthMethod> { [.clientSecretBasic, .clientSecretPost, .none] }
}
