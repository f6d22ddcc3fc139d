import GatehouseCommon

/// A grant served at the authorization endpoint, chosen by `response_type` (RFC 6749 §3.1.1).
///
/// Before calling it, the server has validated `client_id`, `redirect_uri` and repeated
/// parameters, so every error thrown here is sent back to the client's redirect URI with
/// `state` and `iss` (RFC 6749 §4.1.2.1, RFC 9207).
///
/// Conform to it for a custom `response_type`. The code grant is not served through a conformer's
/// methods: a conformer of ``AuthorizationCodeGrant`` implements only hooks, and
/// ``AuthorizationServer/registerGrant(_:extensions:)`` registers the core's own flow over them
/// (``ImplicitGrant`` is a final type of the core).
public protocol AuthorizationEndpointGrant: OAuth2Grant {
    /// The `response_type` values served. **Required.**
    static var responseTypes: Set<ResponseType> { get }

    /// Whether responses go in the fragment (implicit, RFC 6749 §4.2.2). **Default:** `false`.
    static var usesFragment: Bool { get }

    /// Whether this grant handles `request` (Authlib's `check_authorization_endpoint`).
    /// **Default:** `response_type` is one of ``responseTypes``.
    func canHandleAuthorizationRequest(_ request: OAuth2Request) -> Bool

    /// Validates the rest of the request (scope, grant-specific parameters). **Required.**
    ///
    /// - Parameters:
    ///   - grantRequest: prefilled with the client, redirect URI, state and response type.
    ///   - context: the server and the grant's extensions.
    func validateAuthorizationRequest(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> GrantRequest

    /// Builds the redirect for a user who consented (`grantRequest.user` is set). **Required.**
    func createAuthorizationResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response
}

extension AuthorizationEndpointGrant {
    public static var usesFragment: Bool { false }

    public func canHandleAuthorizationRequest(_ request: OAuth2Request) -> Bool {
        guard let responseType = request.data["response_type"] else { return false }
        return Self.responseTypes.contains(ResponseType(responseType))
    }
}
