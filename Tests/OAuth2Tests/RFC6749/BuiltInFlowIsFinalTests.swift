import FoundationEssentials
import GatehouseCommon
import OAuth2
import OAuthTestSupport
import Testing

/// A code grant that also declares the token flow, as a custom grant for `authorization_code`
/// that accepts any code without a check. The server must run the core's flow over its hooks.
struct CheckSkippingCodeGrant: AuthorizationCodeGrant, TokenEndpointGrant {
    static let grantType: GrantType = .authorizationCode
    let hooks: MemoryAuthorizationCodeGrant

    func saveAuthorizationCode(_ code: String, request: GrantRequest, expiresAt: Date) async throws {
        try await hooks.saveAuthorizationCode(code, request: request, expiresAt: expiresAt)
    }

    func queryAuthorizationCode(_ code: String, client: any OAuth2Client) async throws -> (any AuthorizationCode)? {
        try await hooks.queryAuthorizationCode(code, client: client)
    }

    func deleteAuthorizationCode(_ code: any AuthorizationCode) async throws -> Bool {
        try await hooks.deleteAuthorizationCode(code)
    }

    func authenticateUser(_ code: any AuthorizationCode) async throws -> (any OAuth2User)? {
        try await hooks.authenticateUser(code)
    }

    func revokeTokens(grantID: String) async throws {
        try await hooks.revokeTokens(grantID: grantID)
    }

    func validateTokenRequest(_ request: OAuth2Request, context: GrantContext) async throws(OAuth2Error) -> GrantRequest {
        try await uncheckedGrantRequest(request, context: context)
    }

    func createTokenResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response {
        try await context.server.issueToken(for: grantRequest, includeRefreshToken: false).response
    }
}

/// A refresh grant that also declares the token flow, accepting any refresh token without a check.
struct CheckSkippingRefreshGrant: RefreshTokenGrant, TokenEndpointGrant {
    static let grantType: GrantType = .refreshToken
    let hooks: MemoryRefreshTokenGrant

    func authenticateRefreshToken(_ refreshToken: String) async throws -> (any OAuth2Token)? {
        try await hooks.authenticateRefreshToken(refreshToken)
    }

    func authenticateUser(_ credential: any OAuth2Token) async throws -> (any OAuth2User)? {
        try await hooks.authenticateUser(credential)
    }

    func revokeOldCredential(_ credential: any OAuth2Token) async throws {
        try await hooks.revokeOldCredential(credential)
    }

    func revokeTokens(grantID: String) async throws {
        try await hooks.revokeTokens(grantID: grantID)
    }

    func validateTokenRequest(_ request: OAuth2Request, context: GrantContext) async throws(OAuth2Error) -> GrantRequest {
        try await uncheckedGrantRequest(request, context: context)
    }

    func createTokenResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response {
        try await context.server.issueToken(for: grantRequest, includeRefreshToken: true).response
    }
}

/// A revocation endpoint that also declares the endpoint flow, answering 200 to anyone.
struct CheckSkippingRevocation: RevocationEndpoint, OAuth2Endpoint {
    static let endpointName = "revocation"
    let hooks: MemoryRevocationEndpoint

    func queryToken(_ token: String, hint: TokenTypeHint?) async throws -> (any OAuth2Token)? {
        try await hooks.queryToken(token, hint: hint)
    }

    func revokeToken(_ token: any OAuth2Token) async throws { try await hooks.revokeToken(token) }

    func revokeTokens(grantID: String) async throws { try await hooks.revokeTokens(grantID: grantID) }

    func createEndpointResponse(_ request: OAuth2Request, server: AuthorizationServer) async throws(OAuth2Error) -> OAuth2Response {
        OAuth2Response(status: 200, headers: [])
    }
}

/// One value implementing the hooks of two built-in grants: registered once, served by both flows.
struct CodeAndRefreshHooks: AuthorizationCodeGrant, RefreshTokenGrant {
    let code: MemoryAuthorizationCodeGrant
    let refresh: MemoryRefreshTokenGrant

    func saveAuthorizationCode(_ code: String, request: GrantRequest, expiresAt: Date) async throws {
        try await self.code.saveAuthorizationCode(code, request: request, expiresAt: expiresAt)
    }

    func queryAuthorizationCode(_ code: String, client: any OAuth2Client) async throws -> (any AuthorizationCode)? {
        try await self.code.queryAuthorizationCode(code, client: client)
    }

    func deleteAuthorizationCode(_ code: any AuthorizationCode) async throws -> Bool {
        try await self.code.deleteAuthorizationCode(code)
    }

    func authenticateUser(_ code: any AuthorizationCode) async throws -> (any OAuth2User)? {
        try await self.code.authenticateUser(code)
    }

    func authenticateRefreshToken(_ refreshToken: String) async throws -> (any OAuth2Token)? {
        try await refresh.authenticateRefreshToken(refreshToken)
    }

    func authenticateUser(_ credential: any OAuth2Token) async throws -> (any OAuth2User)? {
        try await refresh.authenticateUser(credential)
    }

    func revokeOldCredential(_ credential: any OAuth2Token) async throws {
        try await refresh.revokeOldCredential(credential)
    }

    func revokeTokens(grantID: String) async throws {
        try await refresh.revokeTokens(grantID: grantID)
    }
}

/// A grant request for the confidential client and the fixture user, checking nothing.
private func uncheckedGrantRequest(_ request: OAuth2Request, context: GrantContext) async throws(OAuth2Error) -> GrantRequest {
    guard let client = try await context.server.queryClient(id: Fixture.basic.clientID) else { throw .invalidGrant("No client.") }
    return GrantRequest(request: request, client: client, grantType: .authorizationCode, user: AuthorizationServerFixture.user)
}

/// The flow of a built-in grant or endpoint is the core's: a conformer that declares its own
/// `validateTokenRequest` / `createTokenResponse` / `createEndpointResponse` cannot skip its checks.
struct BuiltInFlowIsFinalTests {
    let store = AuthorizationServerFixture.makeStore()

    /// A server with what `register` registers, then the password grant (for initial tokens).
    func makeServer(_ register: (AuthorizationServer) -> Void) -> AuthorizationServer {
        let server = AuthorizationServer(
            configuration: AuthorizationServer.Configuration(issuer: AuthorizationServerFixture.issuer),
            queryClient: store.queryClient,
            saveToken: store.saveToken
        )
        register(server)
        server.registerGrant(MemoryPasswordGrant(store: store))
        return server
    }

    func exchange(_ server: AuthorizationServer, code: String, redirectURI: String = Fixture.redirectURI) async -> OAuth2Response {
        await server.createTokenResponse(
            Fixture.token([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI),
                ("code_verifier", Fixture.verifier),
            ])
        )
    }

    func code(_ server: AuthorizationServer) async throws -> String {
        try #require(await authorize(server).redirectParameters()["code"])
    }

    func refresh(_ server: AuthorizationServer, _ refreshToken: String) async -> OAuth2Response {
        await server.createTokenResponse(Fixture.token([("grant_type", "refresh_token"), ("refresh_token", refreshToken)]))
    }

    func passwordTokens(_ server: AuthorizationServer) async throws -> (access: String, refresh: String) {
        let response = await server.createTokenResponse(
            Fixture.token([("grant_type", "password"), ("username", "alice"), ("password", "wonderland")])
        )
        return (try #require(response.string("access_token")), try #require(response.string("refresh_token")))
    }

    @Test func codeGrantDeclaringItsOwnTokenFlowStillRefusesAReusedCode() async throws {
        let server = makeServer { $0.registerGrant(CheckSkippingCodeGrant(hooks: MemoryAuthorizationCodeGrant(store: store))) }
        let code = try await code(server)
        let first = await exchange(server, code: code)
        #expect(first.status == 200)
        #expect(first.string("refresh_token") != nil)  // the core's createTokenResponse ran, not the conformer's
        let replay = await exchange(server, code: code)
        #expect(replay.status == 400)
        #expect(replay.errorCode == "invalid_grant")
        let access = try #require(first.string("access_token"))
        #expect(store.token(accessToken: access)?.isRevoked == true)
    }

    @Test func codeGrantDeclaringItsOwnTokenFlowStillChecksRedirectURIAndTheCode() async throws {
        let server = makeServer { $0.registerGrant(CheckSkippingCodeGrant(hooks: MemoryAuthorizationCodeGrant(store: store))) }
        let code = try await code(server)
        #expect(await exchange(server, code: code, redirectURI: "https://attacker.example/cb").errorCode == "invalid_grant")
        #expect(await exchange(server, code: "forged").errorCode == "invalid_grant")
    }

    @Test func refreshGrantDeclaringItsOwnTokenFlowStillDetectsReuse() async throws {
        let server = makeServer { $0.registerGrant(CheckSkippingRefreshGrant(hooks: MemoryRefreshTokenGrant(store: store))) }
        let (_, refreshToken) = try await passwordTokens(server)
        let rotated = await refresh(server, refreshToken)
        #expect(rotated.status == 200)
        let newAccess = try #require(rotated.string("access_token"))
        let replay = await refresh(server, refreshToken)
        #expect(replay.errorCode == "invalid_grant")
        #expect(store.token(accessToken: newAccess)?.isRevoked == true)
        #expect(await refresh(server, "forged").errorCode == "invalid_grant")
    }

    @Test func revocationDeclaringItsOwnEndpointFlowStillAuthenticatesTheClient() async throws {
        let server = makeServer { $0.registerEndpoint(CheckSkippingRevocation(hooks: MemoryRevocationEndpoint(store: store))) }
        let (access, _) = try await passwordTokens(server)
        let request = OAuth2Request.formPost(
            "https://server.example/oauth/revoke",
            [("token", access)],
            basic: (Fixture.basic.clientID, "wrong")
        )
        let response = await server.createEndpointResponse("revocation", request)
        #expect(response.status == 401)
        #expect(response.errorCode == "invalid_client")
        #expect(store.token(accessToken: access)?.isRevoked == false)
    }

    @Test func oneValueWithTheHooksOfTwoGrantsIsServedByBothFlows() async throws {
        let hooks = CodeAndRefreshHooks(
            code: MemoryAuthorizationCodeGrant(store: store),
            refresh: MemoryRefreshTokenGrant(store: store)
        )
        let server = makeServer { $0.registerGrant(hooks, extensions: [CodeChallenge()]) }
        let token = await exchange(server, code: try await code(server))
        #expect(token.status == 200)
        let refreshToken = try #require(token.string("refresh_token"))
        #expect(await refresh(server, refreshToken).status == 200)
        #expect(await refresh(server, refreshToken).errorCode == "invalid_grant")
        let grantTypes = server.metadata["grant_types_supported"]?.arrayValue ?? []
        #expect(grantTypes.contains("authorization_code") && grantTypes.contains("refresh_token"))
    }
}
