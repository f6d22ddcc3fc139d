public import OAuth2

/// Typed reads of the members an OAuth client uses, from a provider's RFC 8414 or OpenID Connect
/// Discovery document (RFC 8414 §2, OpenID Connect Discovery 1.0 §3).
extension AuthorizationServerMetadata {
    /// `issuer`.
    public var issuer: String? { fields["issuer"]?.stringValue }
    /// `authorization_endpoint`.
    public var authorizationEndpoint: String? { fields["authorization_endpoint"]?.stringValue }
    /// `token_endpoint`.
    public var tokenEndpoint: String? { fields["token_endpoint"]?.stringValue }
    /// `revocation_endpoint` (RFC 7009).
    public var revocationEndpoint: String? { fields["revocation_endpoint"]?.stringValue }
    /// `introspection_endpoint` (RFC 7662).
    public var introspectionEndpoint: String? { fields["introspection_endpoint"]?.stringValue }
    /// `userinfo_endpoint` (OpenID Connect).
    public var userinfoEndpoint: String? { fields["userinfo_endpoint"]?.stringValue }
    /// `jwks_uri`.
    public var jwksURI: String? { fields["jwks_uri"]?.stringValue }
    /// `code_challenge_methods_supported` (RFC 7636 via RFC 8414 §2).
    public var codeChallengeMethodsSupported: [String] {
        fields["code_challenge_methods_supported"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
    /// `token_endpoint_auth_methods_supported`.
    public var tokenEndpointAuthMethodsSupported: [ClientAuthMethod] {
        fields["token_endpoint_auth_methods_supported"]?.arrayValue?.compactMap(\.stringValue).map { ClientAuthMethod(rawValue: $0) } ?? []
    }
    /// `authorization_response_iss_parameter_supported` (RFC 9207 §3): callbacks carry `iss`.
    public var authorizationResponseIssParameterSupported: Bool {
        fields["authorization_response_iss_parameter_supported"]?.boolValue ?? false
    }
}
