import FoundationEssentials
import GatehouseCommon
import OAuth2
import OAuthTestSupport
import Testing

struct IntrospectionEndpointTests {
    let store = AuthorizationServerFixture.makeStore()

    func introspect(
        _ server: AuthorizationServer,
        _ token: String,
        basic: (clientID: String, secret: String) = Fixture.basic
    ) async -> OAuth2Response {
        await server.createEndpointResponse(
            "introspection",
            .formPost("https://server.example/oauth/introspect", [("token", token)], basic: basic)
        )
    }

    func accessToken(_ server: AuthorizationServer) async throws -> String {
        let response = await server.createTokenResponse(
            Fixture.token(
                [("grant_type", "password"), ("username", "alice"), ("password", "wonderland"), ("scope", "profile")])
        )
        return try #require(response.string("access_token"))
    }

    @Test func activeTokenIsDescribed() async throws {
        let server = makeAuthorizationServer(store: store)
        let token = try await accessToken(server)
        let response = await introspect(server, token)
        #expect(response.isNoStore)
        let body = try #require(response.jsonBody)
        #expect(body["active"] == true)
        #expect(body["client_id"] == "confidential")
        #expect(body["scope"] == "profile")
        #expect(body["sub"] == "user-1")
        #expect(body["token_type"] == "Bearer")
        #expect(body["iss"] == .string(AuthorizationServerFixture.issuer))
        #expect(body["exp"]?.intValue != nil)
    }

    @Test func aRefreshTokenIsDescribedAsOneNotAsItsAccessToken() async throws {
        let server = makeAuthorizationServer(store: store)
        let response = await server.createTokenResponse(
            Fixture.token([("grant_type", "password"), ("username", "alice"), ("password", "wonderland"), ("scope", "profile")])
        )
        let refreshToken = try #require(response.string("refresh_token"))
        let body = try #require(await introspect(server, refreshToken).jsonBody)
        #expect(body["active"] == true)
        #expect(body["token_type"] == "refresh_token")
        #expect(body["exp"] == nil, "the access token's expiry is not the refresh token's")
    }

    @Test func plainHTTPIsInsecureTransportAndDescribesNothing() async throws {
        let server = makeAuthorizationServer(store: store)
        let token = try await accessToken(server)
        for uri in ["http://server.example/oauth/introspect", "http://127.0.0.1:8080/oauth/introspect"] {
            let response = await server.createEndpointResponse("introspection", .formPost(uri, [("token", token)], basic: Fixture.basic))
            #expect(response.status == 400)
            #expect(response.errorCode == "insecure_transport")
            #expect(response.jsonBody?["active"] == nil)
            #expect(!response.bodyText.contains("user-1") && !response.bodyText.contains("profile"))
            #expect(response.isNoStore)
        }
        // The same request over TLS describes the token: only the transport was refused.
        #expect(await introspect(server, token).jsonBody?["active"] == true)
    }

    @Test func unknownTokenIsInactive() async {
        #expect(await introspect(makeAuthorizationServer(store: store), "nope").jsonBody == ["active": false])
    }

    @Test func expiredTokenIsInactive() async throws {
        let time = ManualClock()
        let store = AuthorizationServerFixture.makeStore(clock: time.clock)
        let server = makeAuthorizationServer(store: store)
        let token = try await accessToken(server)
        // The password grant's lifetime (864,000 s), judged by the server's clock.
        time.advance(by: 863_999)
        #expect(await introspect(server, token).jsonBody?["active"] == true)
        time.advance(by: 1)
        #expect(await introspect(server, token).jsonBody == ["active": false])
    }

    @Test func revokedTokenIsInactive() async throws {
        let server = makeAuthorizationServer(store: store)
        let token = try await accessToken(server)
        store.revoke(accessToken: token)
        #expect(await introspect(server, token).jsonBody == ["active": false])
    }

    @Test func tokenOfAnotherClientIsInactive() async throws {
        let server = makeAuthorizationServer(store: store)
        let token = try await accessToken(server)
        store.addClient(MemoryClient(clientID: "rs", clientSecret: "rs-secret"))
        #expect(await introspect(server, token, basic: ("rs", "rs-secret")).jsonBody == ["active": false])
    }

    @Test func callerMustAuthenticate() async {
        let response = await introspect(makeAuthorizationServer(store: store), "x", basic: ("confidential", "bad"))
        #expect(response.errorCode == "invalid_client")
    }
}
