import GatehouseCommon

/// A grant served at the token endpoint, chosen by `grant_type` (RFC 6749 §4.1.3, §4.3, §4.4, §4.5, §6).
///
/// Conform to it for a custom grant (RFC 6749 §4.5, e.g. an assertion grant): implement both
/// requirements, using the server helpers (``authenticateClient(_:context:)``,
/// ``AuthorizationServer/issueToken(for:includeRefreshToken:)``).
///
/// The built-in grants are not served through a conformer's methods: a conformer of
/// ``AuthorizationCodeGrant``, ``RefreshTokenGrant`` or ``ResourceOwnerPasswordCredentialsGrant``
/// implements only hooks, and ``AuthorizationServer/registerGrant(_:extensions:)`` registers the
/// core's own flow over them. A `validateTokenRequest` such a conformer declares never replaces the
/// core's checks; a conformer that is also a ``TokenEndpointGrant`` is registered after the core's
/// flow, so it cannot take over a built-in `grant_type`.
///
/// ```swift
/// struct AssertionGrant: TokenEndpointGrant {
///     static let grantType: GrantType = "urn:example:assertion"
///     func validateTokenRequest(_ request: OAuth2Request, context: GrantContext) async throws(OAuth2Error) -> GrantRequest { ... }
///     func createTokenResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response { ... }
/// }
/// ```
public protocol TokenEndpointGrant: OAuth2Grant {
    /// The `grant_type` value served. **Required.**
    static var grantType: GrantType { get }

    /// The client authentication methods accepted (Authlib's `TOKEN_ENDPOINT_AUTH_METHODS`).
    /// **Default:** `client_secret_basic`, `client_secret_post`.
    static var tokenEndpointAuthMethods: Set<ClientAuthMethod> { get }

    /// Whether this grant handles `request` (Authlib's `check_token_endpoint`).
    /// **Default:** `grant_type` equals ``grantType``.
    func canHandleTokenRequest(_ request: OAuth2Request) -> Bool

    /// Validates the token request: authenticates the client, checks parameters and loads
    /// what the response needs. **Required.**
    ///
    /// - Throws: an ``OAuth2Error`` rendered as the RFC 6749 §5.2 error response.
    func validateTokenRequest(_ request: OAuth2Request, context: GrantContext) async throws(OAuth2Error) -> GrantRequest

    /// Issues and saves the token and returns the RFC 6749 §5.1 response. **Required.**
    func createTokenResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response
}

extension TokenEndpointGrant {
    public static var tokenEndpointAuthMethods: Set<ClientAuthMethod> { [.clientSecretBasic, .clientSecretPost] }

    public func canHandleTokenRequest(_ request: OAuth2Request) -> Bool {
        request.form["grant_type"] == Self.grantType.rawValue
    }

    /// Authenticates the client with this grant's methods and checks it may use ``grantType``.
    ///
    /// - Throws: `invalid_client` or `unauthorized_client` (RFC 6749 §5.2).
    public func authenticateClient(_ request: OAuth2Request, context: GrantContext) async throws(OAuth2Error) -> any OAuth2Client {
        try await context.server.authenticateClient(request, methods: Self.tokenEndpointAuthMethods, grantType: Self.grantType)
    }
}

extension AuthorizationServer {
    /// Authenticates the client of a token request with one of `methods` and checks it may use
    /// `grantType`: the first step of every token grant, built-in or custom.
    ///
    /// - Throws: `invalid_client` or `unauthorized_client` (RFC 6749 §5.2).
    func authenticateClient(
        _ request: OAuth2Request,
        methods: Set<ClientAuthMethod>,
        grantType: GrantType
    ) async throws(OAuth2Error) -> any OAuth2Client {
        let client = try await authenticateClient(request, methods: methods)
        guard client.checkGrantType(grantType) else {
            throw .unauthorizedClient("The client is not authorized to use grant_type \(grantType.rawValue).")
        }
        return client
    }
}
