public import GatehouseCommon
public import OAuth2

extension OAuth2Session {
    /// Revokes a token at the provider (RFC 7009 §2.1).
    ///
    /// The client authenticates with ``revocationEndpointAuthMethod``; the `revokeTokenRequest` hooks
    /// run on the request. The session's ``token`` is left as is: the caller decides what to forget.
    ///
    /// - Parameters:
    ///   - url: the revocation endpoint. Default: the session's ``metadata``.
    ///   - token: the token to revoke. Default: the session token's refresh token, else its access token
    ///     (revoking a refresh token also ends its access tokens, RFC 7009 §2.1).
    ///   - hint: `token_type_hint`. Default: none, unless the token is taken from the session.
    ///   - extraParameters: more form fields.
    /// - Returns: the provider's answer (200 also for unknown tokens, RFC 7009 §2.2).
    /// - Throws: ``OAuthClientError``: `provider_error` for an OAuth error answer (`unsupported_token_type`,
    ///   `invalid_client`, RFC 7009 §2.2.1), `unexpected_status`, `missing_token`, `connection_failed`,
    ///   `invalid_configuration` without an endpoint, `hook_failed`.
    @discardableResult
    public func revokeToken(
        url: String? = nil,
        token: String? = nil,
        hint: TokenTypeHint? = nil,
        extraParameters: Parameters = [:]
    ) async throws(OAuthClientError) -> OAuthClientResponse {
        let (known, endpoint) = state.withLock { ($0.token, $0.metadata.revocationEndpoint) }
        guard let endpoint = url ?? endpoint else {
            throw OAuthClientError(.invalidConfiguration, message: "no revocation endpoint is configured")
        }
        var value = token
        var hint = hint
        if value == nil, let known {
            value = known.refreshToken ?? known.accessToken
            hint = hint ?? (known.refreshToken != nil ? .refreshToken : .accessToken)
        }
        guard let value else { throw OAuthClientError(.missingToken, message: "there is no token to revoke") }
        return try await tokenEndpointCall(
            endpoint,
            token: value,
            hint: hint,
            extraParameters: extraParameters,
            hook: .revokeTokenRequest,
            context: "revocation"
        )
    }

    /// Posts `token` (and its hint) to an RFC 7009 or RFC 7662 endpoint, authenticated as the
    /// revocation endpoint is, and returns the successful answer.
    ///
    /// - Throws: `provider_error` for an OAuth error answer, `unexpected_status`, transport errors.
    func tokenEndpointCall(
        _ endpoint: String,
        token: String,
        hint: TokenTypeHint?,
        extraParameters: Parameters,
        hook: ComplianceHooks.RequestStage,
        context: String
    ) async throws(OAuthClientError) -> OAuthClientResponse {
        var form: Parameters = ["token": token]
        if let hint { form.append("token_type_hint", hint.rawValue) }
        form.pairs.append(contentsOf: extraParameters.pairs)
        var request = try await tokenRequest(endpoint, form: form, authMethod: revocationEndpointAuthMethod)
        request = try await hooks.apply(hook, to: request)
        let response = try await transport.send(request)
        guard response.isSuccess else {
            if let object = Self.documentObject(response), object["error"] != nil {
                throw .provider(Self.stringFields(object), status: response.status, context: context)
            }
            throw Self.unexpectedStatus(response, context: context)
        }
        return response
    }
}
