import GatehouseCommon
public import HTTPTypes
import OAuth2

extension OAuth2Session {
    /// Calls a protected resource with `Authorization: Bearer` (RFC 6750 §2.1).
    ///
    /// Without an explicit `token`, the session's token is used, refreshed first when it has expired
    /// or will within ``leeway`` seconds (see ``ensureActiveToken()``). The `protectedRequest` hooks run
    /// on the request after the token is added. Any HTTP status is returned as is: a 401 from the
    /// resource is a response, not an error.
    ///
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - url: the absolute URL.
    ///   - headers: more header fields.
    ///   - body: the body bytes.
    ///   - token: a token to use instead of the session's (the Django style); used as given, not refreshed.
    /// - Returns: the resource's answer.
    /// - Throws: ``OAuthClientError``: `missing_token` without a token, `invalid_configuration` for a
    ///   token type other than Bearer, refresh errors, `connection_failed`, `hook_failed`.
    public func request(
        _ method: HTTPRequest.Method,
        _ url: String,
        headers: HTTPFields = [:],
        body: [UInt8] = [],
        token: Token? = nil
    ) async throws(OAuthClientError) -> OAuthClientResponse {
        let active: Token
        if let token { active = token } else { active = try await ensureActiveToken() }
        guard active.isBearer else {
            throw OAuthClientError(.invalidConfiguration, message: "unsupported token type \"\(active.tokenType)\"")
        }
        var request = OAuthClientRequest(method: method, url: url, headers: headers, body: body)
        request.headers[.authorization] = "Bearer " + active.accessToken
        request = try await hooks.apply(.protectedRequest, to: request)
        return try await transport.send(request)
    }

    /// The session's token, refreshed first when it has expired or will within ``leeway`` seconds
    /// (Authlib's `ensure_active_token`).
    ///
    /// With a refresh token and a known token endpoint, the token is refreshed (``refreshToken(url:refreshToken:scope:extraParameters:)``,
    /// which calls ``updateToken``); concurrent callers share one refresh, so a rotating refresh token is
    /// never sent twice. A client-credentials token without a refresh token is fetched again the same
    /// way, and ``updateToken`` called. Otherwise the expired token is returned for the provider to judge.
    ///
    /// - Returns: the token to use.
    /// - Throws: ``OAuthClientError`` `missing_token` when the session has no token, or the refresh's error.
    public func ensureActiveToken() async throws(OAuthClientError) -> Token {
        let (current, grantType, endpoint) = state.withLock { state in
            (state.token, state.lastGrantType, state.metadata.tokenEndpoint ?? state.lastTokenURL)
        }
        guard let current else {
            throw OAuthClientError(.missingToken, message: "the session has no token; fetch one first")
        }
        guard current.isExpired(leeway: leeway) else { return current }
        if current.refreshToken != nil, endpoint != nil {
            return try await sharedRenewal(of: current) { [self] () async throws(OAuthClientError) in
                try await refreshToken()
            }
        }
        if grantType == .clientCredentials, endpoint != nil {
            return try await sharedRenewal(of: current) { [self] () async throws(OAuthClientError) in
                let renewed = try await fetchClientCredentialsToken()
                if let updateToken {
                    try await ComplianceHooks.run("updateToken") { try await updateToken(renewed, current) }
                }
                return renewed
            }
        }
        return current
    }

    /// Runs `renew` once for all concurrent callers that found `current` expired.
    private func sharedRenewal(
        of current: Token,
        _ renew: @escaping @Sendable () async throws(OAuthClientError) -> Token
    ) async throws(OAuthClientError) -> Token {
        let task: Task<Token, any Error>? = state.withLock { state in
            if let running = state.refreshTask { return running }
            // Another caller finished the renewal already.
            if let token = state.token, token != current, !token.isExpired(leeway: leeway) { return nil }
            let task = Task<Token, any Error> { try await renew() }
            state.refreshTask = task
            return task
        }
        guard let task else { return try await ensureActiveToken() }
        let result = await task.result
        state.withLock { state in
            if state.refreshTask == task { state.refreshTask = nil }
        }
        switch result {
        case .success(let token): return token
        case .failure(let error as OAuthClientError): throw error
        case .failure(let error): throw OAuthClientError(.connectionFailed, message: "token renewal failed: \(error)")
        }
    }
}
