public import GatehouseCommon
public import OAuthClient

extension OAuthRemoteApp {
    /// Calls the provider's API on behalf of a user (Authlib's `oauth.twitter.get(...)`).
    ///
    /// `path` is resolved against `apiBaseURL` (an absolute URL is used as is). The token is
    /// `token` when given (the Django style), else what the app's `fetchToken` returns for the
    /// request, else the registry-level `fetchToken(name, request)`. OAuth 2 requests carry it as a
    /// bearer token (RFC 6750 §2.1); an expired OAuth 2 token with a refresh token is refreshed
    /// first (RFC 6749 §6) at `refreshTokenURL` or the token endpoint, and the app's `updateToken`
    /// (else the registry's) is called with the new one. OAuth 1 requests are signed (RFC 5849 §3).
    /// Any HTTP status is returned as is.
    ///
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - path: relative to `apiBaseURL`, or absolute.
    ///   - request: the request the call is for. **Default:** ``RegistryRequest/current``.
    ///   - token: the token to use. **Default:** from the `fetchToken` hooks.
    ///   - headers: more header fields.
    ///   - body: the body bytes.
    /// - Returns: the API's answer.
    /// - Throws: ``/OAuthClient/OAuthClientError``: `missing_token` when no token is found, refresh and transport
    ///   errors; a hook's error.
    public func request(
        _ method: HTTPRequest.Method,
        _ path: String,
        request: Request? = nil,
        token: RemoteToken? = nil,
        headers: HTTPFields = [:],
        body: [UInt8] = []
    ) async throws -> OAuthClientResponse {
        let configuration = try self.configuration
        let request = request ?? Request.current
        let url = Self.join(configuration.apiBaseURL, path)
        let token = try await resolveToken(token, request: request, configuration: configuration)
        switch token {
        case .oauth1(let credentials):
            guard configuration.isOAuth1 else {
                throw OAuthClientError(.invalidConfiguration, message: "\"\(name)\" is an OAuth 2 app but got OAuth 1 credentials")
            }
            return try await makeOAuth1Session(token: credentials).request(method, url, headers: headers, body: body)
        case .oauth2(let token):
            guard !configuration.isOAuth1 else {
                throw OAuthClientError(.invalidConfiguration, message: "\"\(name)\" is an OAuth 1 app but got an OAuth 2 token")
            }
            let session = try await makeOAuth2Session(token: token, request: request)
            if token.isExpired(leeway: session.leeway), token.refreshToken != nil {
                try await session.refreshToken(url: configuration.refreshTokenURL)
            }
            return try await session.request(method, url, headers: headers, body: body)
        }
    }

    /// `GET path` (see ``request(_:_:request:token:headers:body:)``).
    public func get(
        _ path: String,
        request: Request? = nil,
        token: RemoteToken? = nil,
        headers: HTTPFields = [:]
    ) async throws -> OAuthClientResponse {
        try await self.request(.get, path, request: request, token: token, headers: headers)
    }

    /// `DELETE path` (see ``request(_:_:request:token:headers:body:)``).
    public func delete(
        _ path: String,
        request: Request? = nil,
        token: RemoteToken? = nil,
        headers: HTTPFields = [:]
    ) async throws -> OAuthClientResponse {
        try await self.request(.delete, path, request: request, token: token, headers: headers)
    }

    /// `POST path` with a body (see ``request(_:_:request:token:headers:body:)``).
    ///
    /// - Parameters:
    ///   - path: a URL, or a path relative to `apiBaseURL`.
    ///   - request: the request being handled, for `fetchToken`. **Default:** the current request.
    ///   - token: the token to sign with. **Default:** the one `fetchToken` returns.
    ///   - headers: more request header fields.
    ///   - form: form fields, sent as `application/x-www-form-urlencoded` (and signed, for OAuth 1);
    ///     ignored when `nil`, in favour of `body`.
    ///   - body: the raw body, when `form` is `nil`.
    public func post(
        _ path: String,
        request: Request? = nil,
        token: RemoteToken? = nil,
        headers: HTTPFields = [:],
        form: Parameters? = nil,
        body: [UInt8] = []
    ) async throws -> OAuthClientResponse {
        let (headers, body) = Self.encode(headers: headers, form: form, body: body)
        return try await self.request(.post, path, request: request, token: token, headers: headers, body: body)
    }

    /// `PUT path` with a body (see ``post(_:request:token:headers:form:body:)``).
    public func put(
        _ path: String,
        request: Request? = nil,
        token: RemoteToken? = nil,
        headers: HTTPFields = [:],
        form: Parameters? = nil,
        body: [UInt8] = []
    ) async throws -> OAuthClientResponse {
        let (headers, body) = Self.encode(headers: headers, form: form, body: body)
        return try await self.request(.put, path, request: request, token: token, headers: headers, body: body)
    }

    /// `PATCH path` with a body (see ``post(_:request:token:headers:form:body:)``).
    public func patch(
        _ path: String,
        request: Request? = nil,
        token: RemoteToken? = nil,
        headers: HTTPFields = [:],
        form: Parameters? = nil,
        body: [UInt8] = []
    ) async throws -> OAuthClientResponse {
        let (headers, body) = Self.encode(headers: headers, form: form, body: body)
        return try await self.request(.patch, path, request: request, token: token, headers: headers, body: body)
    }

    static func encode(headers: HTTPFields, form: Parameters?, body: [UInt8]) -> (HTTPFields, [UInt8]) {
        guard let form else { return (headers, body) }
        var request = OAuthClientRequest(method: .post, url: "", headers: headers)
        request.setForm(form)
        return (request.headers, request.body)
    }
}
