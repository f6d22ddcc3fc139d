import GatehouseCommon
import OAuth2
import OAuthTestSupport
import Testing

struct RevocationEndpointTests {
    let store = AuthorizationServerFixture.makeStore()

    func tokens(_ server: AuthorizationServer) async throws -> (String, String) {
        let response = await server.createTokenResponse(
            Fixture.token(
                [("grant_type", "password"), ("username", "alice"), ("password", "wonderland")])
        )
        return (try #require(response.string("access_token")), try #require(response.string("refresh_token")))
    }

    func revoke(
        _ server: AuthorizationServer,
        _ form: [(String, String)],
        basic: (clientID: String, secret: String)? = Fixture.basic
    ) async -> OAuth2Response {
        await server.createEndpointResponse("revocation", .formPost("https://server.example/oauth/revoke", form, basic: basic))
    }

    @Test func revokesAnAccessToken() async throws {
        let server = makeAuthorizationServer(store: store)
        let recorder = SignalRecorder()
        server.addObserver(recorder.observer)
        let (access, _) = try await tokens(server)
        let response = await revoke(server, [("token", access), ("token_type_hint", "access_token")])
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(response.isNoStore)
        #expect(store.token(accessToken: access)?.isRevoked == true)
        let revoked = await recorder.signals().contains { if case .tokenRevoked = $0 { true } else { false } }
        #expect(revoked)
    }

    @Test func revokingARefreshTokenRevokesTheGrantsAccessTokens() async throws {
        let server = makeAuthorizationServer(store: store)
        let (access, refreshToken) = try await tokens(server)
        let refreshed = await server.createTokenResponse(Fixture.token([("grant_type", "refresh_token"), ("refresh_token", refreshToken)]))
        let newAccess = try #require(refreshed.string("access_token"))
        let newRefresh = try #require(refreshed.string("refresh_token"))
        #expect(await revoke(server, [("token", newRefresh), ("token_type_hint", "refresh_token")]).status == 200)
        #expect(store.token(accessToken: newAccess)?.isRevoked == true)
        #expect(store.token(accessToken: access)?.isRevoked == true)
    }

    @Test func plainHTTPIsInsecureTransportAndRevokesNothing() async throws {
        let server = makeAuthorizationServer(store: store)
        let (access, refresh) = try await tokens(server)
        for (uri, token) in [("http://server.example/oauth/revoke", access), ("http://127.0.0.1:8080/oauth/revoke", refresh)] {
            let response = await server.createEndpointResponse("revocation", .formPost(uri, [("token", token)], basic: Fixture.basic))
            #expect(response.status == 400)
            #expect(response.errorCode == "insecure_transport")
            #expect(response.isNoStore)
        }
        #expect(store.token(accessToken: access)?.isRevoked == false)
        #expect(store.token(refreshToken: refresh)?.isRevoked == false)
    }

    @Test func unknownTokenTypeHintIsIgnored() async throws {
        let server = makeAuthorizationServer(store: store)
        let (access, _) = try await tokens(server)
        #expect(await revoke(server, [("token", access), ("token_type_hint", "mac_token")]).status == 200)
        #expect(store.token(accessToken: access)?.isRevoked == true)
    }

    @Test func unknownTokenAnswers200() async {
        #expect(await revoke(makeAuthorizationServer(store: store), [("token", "nope")]).status == 200)
    }

    @Test func tokenOfAnotherClientIsLeftAlone() async throws {
        let server = makeAuthorizationServer(store: store)
        let (access, _) = try await tokens(server)
        let response = await revoke(
            server,
            [("token", access), ("client_id", "post-client"), ("client_secret", "p0st-secret")],
            basic: nil
        )
        #expect(response.status == 200)
        #expect(store.token(accessToken: access)?.isRevoked == false)
    }

    @Test func missingTokenIsInvalidRequest() async {
        #expect(await revoke(makeAuthorizationServer(store: store), []).errorCode == "invalid_request")
    }

    @Test func unauthenticatedClientIsInvalidClient() async {
        let response = await revoke(makeAuthorizationServer(store: store), [("token", "x")], basic: ("confidential", "bad"))
        #expect(response.status == 401)
        #expect(response.errorCode == "invalid_client")
    }

    @Test func unknownEndpointIs404() async {
        let response = await makeAuthorizationServer(store: store).createEndpointResponse("nope", .formPost(Fixture.tokenURI, []))
        #expect(response.status == 404)
    }
}
