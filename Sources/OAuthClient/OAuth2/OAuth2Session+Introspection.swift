public import GatehouseCommon
public import OAuth2

extension OAuth2Session {
    /// Asks the authorization server about a token (RFC 7662 §2.1), as a resource server does.
    ///
    /// The client authenticates as it does at the revocation endpoint
    /// (``revocationEndpointAuthMethod``); the `introspectTokenRequest` hooks run on the request.
    ///
    /// - Parameters:
    ///   - url: the introspection endpoint. Default: the session's ``metadata``.
    ///   - token: the token to ask about.
    ///   - hint: `token_type_hint`. **Default:** `access_token`.
    /// - Returns: the answer's members (`active` first among them, RFC 7662 §2.2).
    /// - Throws: ``OAuthClientError``: `provider_error` for an OAuth error answer, `unexpected_status`,
    ///   `malformed_response` for an answer without a boolean `active`, `invalid_configuration`
    ///   without an endpoint, `connection_failed`.
    public func introspectToken(
        url: String? = nil,
        token: String,
        hint: TokenTypeHint? = .accessToken
    ) async throws(OAuthClientError) -> [String: JSONValue] {
        guard let endpoint = url ?? state.withLock({ $0.metadata.introspectionEndpoint }) else {
            throw OAuthClientError(.invalidConfiguration, message: "no introspection endpoint is configured")
        }
        let response = try await tokenEndpointCall(
            endpoint,
            token: token,
            hint: hint,
            extraParameters: [:],
            hook: .introspectTokenRequest,
            context: "introspection"
        )
        guard let object = Self.documentObject(response), object["active"]?.boolValue != nil else {
            throw OAuthClientError(
                .malformedResponse,
                message: "the introspection answer has no boolean \"active\"",
                status: response.status
            )
        }
        return object
    }
}
