import FoundationEssentials
public import GatehouseCommon
public import OAuth2

extension OAuth2Session {
    // MARK: - Token requests (RFC 6749 §4.1.3, §4.3.2, §4.4.2, §6)

    /// Exchanges an authorization code for a token (RFC 6749 §4.1.3), with the PKCE verifier
    /// (RFC 7636 §4.5).
    ///
    /// - Parameters:
    ///   - url: the token endpoint. Default: the session's ``metadata``.
    ///   - code: the code from ``parseAuthorizationResponse(_:state:issuer:)``.
    ///   - redirectURI: the `redirect_uri` of the authorization request. Default: the session's.
    ///   - codeVerifier: the PKCE verifier of the authorization request, if one was sent.
    ///   - extraParameters: more form fields.
    /// - Returns: the token, also stored as the session's ``token``.
    /// - Throws: ``OAuthClientError``: `provider_error` with the provider's `error` (`invalid_grant`,
    ///   `invalid_client`, ...), `connection_failed`, `malformed_response`, `unexpected_status`.
    @discardableResult
    public func fetchToken(
        url: String? = nil,
        code: String,
        redirectURI: String? = nil,
        codeVerifier: String? = nil,
        extraParameters: Parameters = [:]
    ) async throws(OAuthClientError) -> Token {
        var parameters: Parameters = ["code": code]
        if let redirectURI = redirectURI ?? self.redirectURI { parameters.append("redirect_uri", redirectURI) }
        if let codeVerifier { parameters.append("code_verifier", codeVerifier) }
        parameters.pairs.append(contentsOf: extraParameters.pairs)
        return try await fetchToken(url: url, grantType: .authorizationCode, parameters: parameters)
    }

    /// Gets a token with the resource owner's password (RFC 6749 §4.3.2).
    ///
    /// - Parameters:
    ///   - url: the token endpoint. Default: the session's ``metadata``.
    ///   - username: the resource owner's username.
    ///   - password: the resource owner's password.
    ///   - scope: the scope. Default: the session's.
    ///   - extraParameters: more form fields.
    /// - Returns: the token, also stored as the session's ``token``.
    /// - Throws: ``OAuthClientError`` as ``fetchToken(url:grantType:parameters:)``.
    @discardableResult
    public func fetchToken(
        url: String? = nil,
        username: String,
        password: String,
        scope: String? = nil,
        extraParameters: Parameters = [:]
    ) async throws(OAuthClientError) -> Token {
        var parameters: Parameters = ["username": username, "password": password]
        if let scope = scope ?? self.scope { parameters.append("scope", scope) }
        parameters.pairs.append(contentsOf: extraParameters.pairs)
        return try await fetchToken(url: url, grantType: .password, parameters: parameters)
    }

    /// Gets a token for the client itself (RFC 6749 §4.4.2). When such a token expires, the session
    /// gets a new one the same way before the next ``request(_:_:headers:body:token:)``.
    ///
    /// - Parameters:
    ///   - url: the token endpoint. Default: the session's ``metadata``.
    ///   - scope: the scope. Default: the session's.
    ///   - extraParameters: more form fields.
    /// - Returns: the token, also stored as the session's ``token``.
    /// - Throws: ``OAuthClientError`` as ``fetchToken(url:grantType:parameters:)``.
    @discardableResult
    public func fetchClientCredentialsToken(
        url: String? = nil,
        scope: String? = nil,
        extraParameters: Parameters = [:]
    ) async throws(OAuthClientError) -> Token {
        var parameters = Parameters()
        if let scope = scope ?? self.scope { parameters.append("scope", scope) }
        parameters.pairs.append(contentsOf: extraParameters.pairs)
        return try await fetchToken(url: url, grantType: .clientCredentials, parameters: parameters)
    }

    /// Sends a token request of any grant (RFC 6749 §4, or an extension grant, §4.5).
    ///
    /// The form carries `grant_type` and `parameters`; the client authenticates with
    /// ``tokenEndpointAuthMethod``; then the `accessTokenRequest` hooks run on the request and the
    /// `accessTokenResponse` hooks on the answer, which is read as JSON (or as a form, for providers
    /// that answer so).
    ///
    /// - Parameters:
    ///   - url: the token endpoint. Default: the session's ``metadata``.
    ///   - grantType: the `grant_type`.
    ///   - parameters: the grant's form fields.
    /// - Returns: the token, also stored as the session's ``token``.
    /// - Throws: ``OAuthClientError``: `provider_error` for an OAuth error answer (RFC 6749 §5.2),
    ///   `malformed_response` for an answer that is not a token, `unexpected_status` for an HTTP error
    ///   without an OAuth body, `connection_failed`, `invalid_configuration` without an endpoint,
    ///   `hook_failed`.
    @discardableResult
    public func fetchToken(
        url: String? = nil,
        grantType: GrantType,
        parameters: Parameters
    ) async throws(OAuthClientError) -> Token {
        let endpoint = try tokenEndpoint(url)
        var form: Parameters = ["grant_type": grantType.rawValue]
        form.pairs.append(contentsOf: parameters.pairs)
        var request = try await tokenRequest(endpoint, form: form, authMethod: tokenEndpointAuthMethod)
        let hooks = self.hooks
        request = try await hooks.apply(.accessTokenRequest, to: request)
        let response = try await hooks.apply(.accessTokenResponse, to: transport.send(request))
        let token = try Self.parseTokenResponse(response, context: "token request (\(grantType.rawValue))")
        state.withLock { state in
            state.token = token
            state.lastGrantType = grantType
            state.lastTokenURL = endpoint
        }
        return token
    }

    /// Gets a new access token with a refresh token (RFC 6749 §6) and calls ``updateToken``.
    ///
    /// When the answer has no `refresh_token`, the one used is kept in the new token (RFC 6749 §6:
    /// the provider MAY keep the old one valid).
    ///
    /// - Parameters:
    ///   - url: the token endpoint. Default: the session's ``metadata``, or the URL of the last token request.
    ///   - refreshToken: the refresh token. Default: the current token's.
    ///   - scope: a narrower scope, if wanted (RFC 6749 §6).
    ///   - extraParameters: more form fields.
    /// - Returns: the new token, also stored as the session's ``token``.
    /// - Throws: ``OAuthClientError``: `missing_token` without a refresh token, `provider_error`
    ///   (`invalid_grant` for a revoked or reused refresh token), and as ``fetchToken(url:grantType:parameters:)``.
    @discardableResult
    public func refreshToken(
        url: String? = nil,
        refreshToken: String? = nil,
        scope: String? = nil,
        extraParameters: Parameters = [:]
    ) async throws(OAuthClientError) -> Token {
        let previous = token
        guard let refreshToken = refreshToken ?? previous?.refreshToken else {
            throw OAuthClientError(.missingToken, message: "there is no refresh token")
        }
        let endpoint = try tokenEndpoint(url)
        var form: Parameters = ["grant_type": GrantType.refreshToken.rawValue, "refresh_token": refreshToken]
        if let scope { form.append("scope", scope) }
        form.pairs.append(contentsOf: extraParameters.pairs)
        var request = try await tokenRequest(endpoint, form: form, authMethod: tokenEndpointAuthMethod)
        let hooks = self.hooks
        request = try await hooks.apply(.refreshTokenRequest, to: request)
        let response = try await hooks.apply(.refreshTokenResponse, to: transport.send(request))
        var token = try Self.parseTokenResponse(response, context: "refresh")
        if token.refreshToken == nil { token.refreshToken = refreshToken }
        state.withLock { $0.token = token }
        if let updateToken {
            try await ComplianceHooks.run("updateToken") { try await updateToken(token, previous) }
        }
        return token
    }

    // MARK: - Helpers

    func tokenEndpoint(_ url: String?) throws(OAuthClientError) -> String {
        let known = state.withLock { $0.metadata.tokenEndpoint ?? $0.lastTokenURL }
        guard let endpoint = url ?? known else {
            throw OAuthClientError(.invalidConfiguration, message: "no token endpoint is configured")
        }
        return endpoint
    }

    /// A form POST to `url` with the client authenticated by `authMethod` (RFC 6749 §2.3).
    func tokenRequest(
        _ url: String,
        form: Parameters,
        authMethod: ClientAuthMethod
    ) async throws(OAuthClientError) -> OAuthClientRequest {
        var request = OAuthClientRequest(method: .post, url: url, headers: [.accept: "application/json"])
        request.setForm(form)
        return try await authenticate(request, method: authMethod)
    }

    /// Adds the client's credentials to a form request.
    func authenticate(
        _ request: OAuthClientRequest,
        method: ClientAuthMethod
    ) async throws(OAuthClientError) -> OAuthClientRequest {
        var request = request
        switch method {
        case .clientSecretBasic:
            // RFC 6749 §2.3.1: both parts form-encoded before Base64.
            let credentials = PercentEncoding.encode(clientID) + ":" + PercentEncoding.encode(clientSecret ?? "")
            request.headers[.authorization] = "Basic " + Data(credentials.utf8).base64EncodedString()
        case .clientSecretPost, .none:
            var form = try request.formParameters() ?? Parameters()
            form.set("client_id", clientID)
            if method == .clientSecretPost { form.set("client_secret", clientSecret ?? "") }
            request.setForm(form)
        default:
            guard let handler = state.withLock({ $0.clientAuthHandlers[method] }) else {
                throw OAuthClientError(
                    .invalidConfiguration,
                    message: "unknown client authentication method \"\(method.rawValue)\""
                )
            }
            request = try await ComplianceHooks.run("client authentication \(method.rawValue)") {
                try await handler(request, clientID, clientSecret)
            }
        }
        return request
    }

    /// Reads a token endpoint answer (RFC 6749 §5.1 / §5.2).
    static func parseTokenResponse(_ response: OAuthClientResponse, context: String) throws(OAuthClientError) -> Token {
        guard let object = documentObject(response) else {
            if !response.isSuccess { throw unexpectedStatus(response, context: context) }
            throw OAuthClientError(
                .malformedResponse,
                message: "\(context): the answer is not a JSON object",
                status: response.status
            )
        }
        if object["error"] != nil { throw .provider(stringFields(object), status: response.status, context: context) }
        guard response.isSuccess else { throw unexpectedStatus(response, context: context) }
        do { return try Token(json: object) } catch {
            throw OAuthClientError(.malformedResponse, message: "\(context): \(error.message)", status: response.status)
        }
    }

    /// The answer's JSON object, or its form fields for `application/x-www-form-urlencoded` answers.
    static func documentObject(_ response: OAuthClientResponse) -> [String: JSONValue]? {
        if response.mediaType == "application/x-www-form-urlencoded" {
            guard let form = try? FormURLEncoding.decode(bytes: response.body) else { return nil }
            return form.firstValues.mapValues { JSONValue.string($0) }
        }
        return response.jsonObject
    }

    /// The string members of an error document.
    static func stringFields(_ object: [String: JSONValue]) -> [String: String] {
        object.compactMapValues { value in
            switch value {
            case .string(let text): text
            case .int(let number): String(number)
            default: nil
            }
        }
    }

    static func unexpectedStatus(_ response: OAuthClientResponse, context: String) -> OAuthClientError {
        OAuthClientError(
            .unexpectedStatus,
            message: "\(context): HTTP \(response.status): \(response.text.prefix(200))",
            status: response.status
        )
    }
}
