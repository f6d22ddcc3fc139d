import FoundationEssentials
import GatehouseCommon
import GatehouseOperations
import OAuth2
import OAuthTestSupport
import Testing

/// Every time-based decision of the authorization server reads ``AuthorizationServer/Configuration/clock``:
/// a ``ManualClock`` moves it, and nothing waits on real time.
struct ServerClockTests {
    let time = ManualClock()
    let store: MemoryOAuth2Store

    init() {
        store = AuthorizationServerFixture.makeStore(clock: time.clock)
    }

    func exchange(_ server: AuthorizationServer, code: String) async -> OAuth2Response {
        await server.createTokenResponse(
            Fixture.token([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Fixture.redirectURI),
                ("code_verifier", Fixture.verifier),
            ])
        )
    }

    func refresh(_ server: AuthorizationServer, _ refreshToken: String) async -> OAuth2Response {
        await server.createTokenResponse(Fixture.token([("grant_type", "refresh_token"), ("refresh_token", refreshToken)]))
    }

    func passwordTokens(_ server: AuthorizationServer) async throws -> (access: String, refresh: String) {
        let response = await server.createTokenResponse(
            Fixture.token([("grant_type", "password"), ("username", "alice"), ("password", "wonderland"), ("scope", "profile")])
        )
        return (try #require(response.string("access_token")), try #require(response.string("refresh_token")))
    }

    @Test func codeIsRedeemableUntilItsLifetimePasses() async throws {
        let server = makeAuthorizationServer(store: store)
        let code = try #require(await authorize(server).redirectParameters()["code"])
        #expect(try #require(store.code(code)).expiresAt == time.now.addingTimeInterval(600))
        time.advance(by: 599)
        #expect(await exchange(server, code: code).status == 200)
    }

    @Test func codeExpiresOnceItsLifetimePassed() async throws {
        let server = makeAuthorizationServer(store: store)
        let code = try #require(await authorize(server).redirectParameters()["code"])
        time.advance(by: 600)
        let response = await exchange(server, code: code)
        #expect(response.errorCode == "invalid_grant")
        #expect(response.string("error_description") == "The authorization code expired.")
    }

    @Test func tokensAreIssuedAtTheServersTime() async throws {
        let server = makeAuthorizationServer(store: store)
        let (access, _) = try await passwordTokens(server)
        let saved = try #require(store.token(accessToken: access))
        #expect(saved.issuedAt == time.now)
        // The ordered token's selector carries the same time.
        #expect(access.hasPrefix(OrderedToken.timePrefix(at: time.now)))
    }

    @Test func refreshTokenReuseIsToleratedOnlyWithinTheGracePeriod() async throws {
        let server = makeAuthorizationServer(store: store, refreshTokenGrant: MemoryRefreshTokenGrant(store: store, reuseGracePeriod: 30))
        let (_, refreshToken) = try await passwordTokens(server)
        let first = await refresh(server, refreshToken)
        #expect(first.status == 200)
        // A retry 30 seconds after the rotation is a concurrent retry ...
        time.advance(by: 30)
        #expect(await refresh(server, refreshToken).status == 200)
        // ... one second later it is a replay: the whole family is revoked.
        time.advance(by: 1)
        #expect(await refresh(server, refreshToken).errorCode == "invalid_grant")
        let firstAccess = try #require(first.string("access_token"))
        #expect(store.token(accessToken: firstAccess)?.isRevoked == true)
    }

    @Test func introspectionJudgesExpiryByTheServersClock() async throws {
        var configuration = AuthorizationServer.Configuration(clock: time.clock)
        configuration.tokenExpiresIn = [.password: 60]
        let server = makeAuthorizationServer(store: store, configuration: configuration)
        let (access, _) = try await passwordTokens(server)
        func active() async -> JSONValue? {
            await server.createEndpointResponse(
                "introspection",
                .formPost("https://server.example/oauth/introspect", [("token", access)], basic: Fixture.basic)
            ).jsonBody?["active"]
        }
        time.advance(by: 59)
        #expect(await active() == true)
        time.advance(by: 1)
        #expect(await active() == false)
    }

    @Test func theDefaultPasswordThrottleCountsOnTheServersClock() {
        let configuration = AuthorizationServer.Configuration(clock: time.clock)
        #expect(configuration.passwordThrottle.clock.now == time.now)
        time.advance(by: 5)
        #expect(configuration.passwordThrottle.clock.now == time.now)
    }
}
