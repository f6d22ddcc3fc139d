import GatehouseCommon
import HTTPTypes
import Logging
import Synchronization

extension AuthorizationServer {
    /// Looks a client up through the `queryClient` hook.
    ///
    /// - Throws: `server_error` when the hook is missing or fails.
    public func queryClient(id clientID: String) async throws(OAuth2Error) -> (any OAuth2Client)? {
        guard let queryClient else {
            logger.error("AuthorizationServer.queryClient is not set")
            throw .serverError("The server is not configured.")
        }
        return try await callHook("queryClient") { try await queryClient(clientID) }
    }

    /// Authenticates the client of a token, revocation or introspection request (RFC 6749 §2.3,
    /// §3.2.1) with one of `methods`, then reports ``OAuth2Signal/clientAuthenticated(client:method:)``.
    ///
    /// A client that uses more than one method is refused (RFC 6749 §2.3.1), as is a client whose
    /// registered ``OAuth2Client/tokenEndpointAuthMethod`` is not the one used.
    ///
    /// - Throws: `invalid_request` or `invalid_client` (401, with `WWW-Authenticate: Basic` when the
    ///   `Authorization` header was used).
    public func authenticateClient(
        _ request: OAuth2Request,
        methods: Set<ClientAuthMethod>
    ) async throws(OAuth2Error) -> any OAuth2Client {
        let usedHeader = request.header("authorization") != nil
        let realm = configuration.realm
        if let basic = try request.basicCredentials() {
            if request.form.contains("client_secret") {
                throw .invalidRequest("The client used more than one authentication method.")
            }
            if let formID = request.form["client_id"], formID != basic.username {
                throw .invalidRequest("client_id does not match the Authorization header.")
            }
        }
        for name in ["client_id", "client_secret"] where request.form.count(of: name) > 1 {
            throw .invalidRequest("Parameter \(name) is repeated.")
        }
        let authenticators = state.snapshot.value.clientAuthenticators
        for authenticator in authenticators {
            guard let client = try await authenticator.authenticate(request, server: self) else { continue }
            guard methods.contains(authenticator.method), client.checkEndpointAuthMethod(authenticator.method) else {
                logger.debug(
                    "client authentication method refused",
                    metadata: [
                        "client_id": "\(client.clientID)", "method": "\(authenticator.method.rawValue)",
                    ]
                )
                throw .invalidClient(
                    "The client may not authenticate with \(authenticator.method.rawValue) here.",
                    usedAuthorizationHeader: usedHeader,
                    realm: realm
                )
            }
            await emit(.clientAuthenticated(client: client, method: authenticator.method))
            return client
        }
        throw .invalidClient("Client authentication failed.", usedAuthorizationHeader: usedHeader, realm: realm)
    }

    /// Checks a requested scope against ``Configuration/scopesSupported`` and narrows it to what
    /// the client may receive (RFC 6749 §3.3).
    ///
    /// - Returns: the scope to grant, `nil` when none.
    /// - Throws: `invalid_scope` for a malformed scope or one outside the supported set.
    public func validateRequestedScope(_ scope: String?, client: any OAuth2Client) throws(OAuth2Error) -> String? {
        guard let scope else { return nil }
        guard Scope.isWellFormed(scope) else { throw .invalidScope("The scope is malformed.") }
        if let supported = configuration.scopesSupported {
            let unknown = Scope.list(scope).filter { !supported.contains($0) }
            if !unknown.isEmpty {
                throw .invalidScope("Unsupported scope: \(unknown.joined(separator: " ")).")
            }
        }
        guard let allowed = client.allowedScope(for: scope) else {
            throw .invalidScope("The client may not request this scope.")
        }
        return allowed
    }

    /// Generates a token for `grantRequest` with the configured generators and lifetimes
    /// (Authlib's `generate_token`), without saving it.
    ///
    /// - Parameters:
    ///   - grantRequest: the validated request the token is for.
    ///   - includeRefreshToken: whether the grant allows a refresh token; one is made only when
    ///     refresh tokens are enabled too.
    public func generateToken(for grantRequest: GrantRequest, includeRefreshToken: Bool) -> IssuedToken {
        let configuration = self.configuration
        let now = configuration.clock.now
        let accessToken = configuration.accessTokenGenerator?(grantRequest) ?? OrderedToken.generate(at: now)
        var refreshToken: String?
        if includeRefreshToken {
            switch configuration.refreshTokenGenerator {
            case .disabled: refreshToken = nil
            case .enabled: refreshToken = OrderedToken.generate(at: now)
            case .custom(let generator): refreshToken = generator(grantRequest)
            }
        }
        return IssuedToken(
            accessToken: accessToken,
            expiresIn: configuration.tokenLifetime(for: grantRequest.grantType),
            refreshToken: refreshToken,
            scope: grantRequest.scope,
            issuedAt: now,
            grantID: grantRequest.grantID ?? GrantID.newFamily(at: now)
        )
    }

    /// Generates a token (a signed RFC 9068 JWT when ``Configuration/jwtAccessTokens`` is set),
    /// saves it through `saveToken` and reports ``OAuth2Signal/tokenIssued(token:request:)``.
    ///
    /// - Throws: `server_error` when `saveToken` is missing or fails.
    public func issueToken(for grantRequest: GrantRequest, includeRefreshToken: Bool) async throws(OAuth2Error) -> IssuedToken {
        var token = generateToken(for: grantRequest, includeRefreshToken: includeRefreshToken)
        if let jwt = configuration.jwtAccessTokens {
            do {
                token.accessToken = try await jwt.sign(for: grantRequest, issuedAt: token.issuedAt, expiresIn: token.expiresIn)
            } catch {
                logger.error("signing a JWT access token failed: \(error)")
                throw .serverError("The server could not sign the access token.")
            }
        }
        guard let saveToken else {
            logger.error("AuthorizationServer.saveToken is not set")
            throw .serverError("The server is not configured.")
        }
        try await callHook("saveToken") { try await saveToken(token, grantRequest) }
        await emit(.tokenIssued(token: token, request: grantRequest))
        return token
    }

    /// The redirect of a successful authorization response: `parameters` plus `state` and `iss`
    /// (RFC 9207) in the query or the fragment; 303 after a POST, 302 after a GET.
    public func authorizationRedirect(
        _ grantRequest: GrantRequest,
        parameters: [(String, String)],
        useFragment: Bool
    ) -> OAuth2Response {
        var all = parameters
        if let state = grantRequest.state { all.append(("state", state)) }
        if let issuer = configuration.issuer { all.append(("iss", issuer)) }
        let location = AuthorizationRedirect.build(grantRequest.redirectURI ?? "", parameters: all, useFragment: useFragment)
        return .redirect(to: location, status: HTTPResponse.Status(code: Self.redirectStatus(for: grantRequest.request)))
    }

    static func redirectStatus(for request: OAuth2Request) -> Int {
        request.method == "POST" ? 303 : 302
    }
}
