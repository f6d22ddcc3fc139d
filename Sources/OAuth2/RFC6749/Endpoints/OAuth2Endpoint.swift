/// A client-authenticated endpoint registered with ``AuthorizationServer/registerEndpoint(_:)``:
/// revocation (RFC 7009), introspection (RFC 7662) or a custom one (Authlib's `TokenEndpoint`).
public protocol OAuth2Endpoint: Sendable {
    /// The name used with ``AuthorizationServer/createEndpointResponse(_:_:)``, e.g. `"revocation"`. **Required.**
    static var endpointName: String { get }

    /// The client authentication methods accepted.
    /// **Default:** `client_secret_basic`, `client_secret_post`, `none`.
    static var clientAuthMethods: Set<ClientAuthMethod> { get }

    /// Handles a request. **Required** (the built-in endpoints provide it).
    ///
    /// - Throws: an ``OAuth2Error`` rendered as JSON with `Cache-Control: no-store`.
    func createEndpointResponse(_ request: OAuth2Request, server: AuthorizationServer) async throws(OAuth2Error) -> OAuth2Response
}

extension OAuth2Endpoint {
    public static var clientAuthMethods: Set<ClientAuthMethod> { [.clientSecretBasic, .clientSecretPost, .none] }
}
