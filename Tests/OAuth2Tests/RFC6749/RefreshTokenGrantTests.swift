import FoundationEssentials
import GatehouseCommon
import OAuth2
import OAuthTestSupport
import Testing

struct RefreshTokenGrantTests {
    let store = AuthorizationServerFixture.makeStore()

    /// Password grant for `profile email`, returning (access, refresh).
    func initialTokens(_ server: AuthorizationServer) async throws -> (String, String) {
        let response = await server.createTokenResponse(
            Fixture.token(
                [("grant_type", "password"), ("username", "alice"), ("password", "wonderland"), ("scope", "profile email")])
        )
        return (try #require(response.string("access_token")), try #require(response.string("refresh_token")))
    }

    func refresh(_ server: AuthorizationServer, _ refreshToken: String, scope: String? = nil) async -> OAuth2Response {
        var form = [("grant_type", "refresh_token"), ("refresh_token", refreshToken)]
        if let scope { form.append(("scope", scope)) }
        return await server.createTokenResponse(Fixture.token(form))
    }

    @Test func refreshRotatesTheRefreshToken() async throws {
        let server = makeAuthorizationServer(store: store)
        let (access, refreshToken) = try await initialTokens(server)
        let response = await refresh(server, refreshToken)
        #expect(response.status == 200)
        #expect(response.isNoStore)
        let newRefresh = try #require(response.string("refresh_token"))
        #expect(newRefresh != refreshToken)
        #expect(response.string("scope") == "profile email")
        #expect(response.jsonBody?["expires_in"] == 3600)
        #expect(store.token(accessToken: access)?.isRevoked == true)
        let newAccess = try #require(response.string("access_token"))
        #expect(store.token(accessToken: newAccess)?.grantID == store.token(accessToken: access)?.grantID)
    }

    @Test func reusedRefreshTokenRevokesTheWholeFamily() async throws {
        let server = makeAuthorizationServer(store: store)
        let (_, refreshToken) = try await initialTokens(server)
        let rotated = await refresh(server, refreshToken)
        let newAccess = try #require(rotated.string("access_token"))
        let newRefresh = try #require(rotated.string("refresh_token"))

        let replay = await refresh(server, refreshToken)
        #expect(replay.errorCode == "invalid_grant")
        #expect(store.token(accessToken: newAccess)?.isRevoked == true)
        #expect(await refresh(server, newRefresh).errorCode == "invalid_grant")
    }

    @Test func gracePeriodToleratesAConcurrentRetry() async throws {
        let server = makeAuthorizationServer(store: store, refreshTokenGrant: MemoryRefreshTokenGrant(store: store, reuseGracePeriod: 30))
        let (_, refreshToken) = try await initialTokens(server)
        let first = await refresh(server, refreshToken)
        let retry = await refresh(server, refreshToken)
        #expect(retry.status == 200)
        let firstAccess = try #require(first.string("access_token"))
        #expect(store.token(accessToken: firstAccess)?.isRevoked == false)
    }

    @Test func scopeCanBeNarrowed() async throws {
        let server = makeAuthorizationServer(store: store)
        let (_, refreshToken) = try await initialTokens(server)
        let response = await refresh(server, refreshToken, scope: "email")
        #expect(response.status == 200)
        #expect(response.string("scope") == "email")
    }

    @Test func scopeCannotBeWidened() async throws {
        let server = makeAuthorizationServer(store: store)
        let (_, refreshToken) = try await initialTokens(server)
        #expect(await refresh(server, refreshToken, scope: "profile admin").errorCode == "invalid_scope")
    }

    @Test func withoutRotationTheOldRefreshTokenKeepsWorking() async throws {
        let server = makeAuthorizationServer(
            store: store,
            refreshTokenGrant: MemoryRefreshTokenGrant(store: store, rotatesRefreshToken: false)
        )
        let (_, refreshToken) = try await initialTokens(server)
        let first = await refresh(server, refreshToken)
        #expect(first.jsonBody?["refresh_token"] == nil)
        #expect(await refresh(server, refreshToken).status == 200)
    }

    @Test func unknownRefreshTokenIsInvalidGrant() async {
        #expect(await refresh(makeAuthorizationServer(store: store), "nope").errorCode == "invalid_grant")
    }

    @Test func missingRefreshTokenIsInvalidRequest() async {
        let response = await makeAuthorizationServer(store: store).createTokenResponse(Fixture.token([("grant_type", "refresh_token")]))
        #expect(response.errorCode == "invalid_request")
    }

    @Test func refreshTokenOfAnotherClientIsInvalidGrant() async throws {
        let server = makeAuthorizationServer(store: store)
        let (_, refreshToken) = try await initialTokens(server)
        let response = await server.createTokenResponse(
            Fixture.token(
                [
                    ("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", "post-client"),
                    ("client_secret", "p0st-secret"),
                ],
                basic: nil
            )
        )
        #expect(response.errorCode == "invalid_grant")
    }

    @Test func revokedRefreshTokenIsInvalidGrant() async throws {
        let server = makeAuthorizationServer(store: store)
        let (access, refreshToken) = try await initialTokens(server)
        store.revoke(accessToken: access)
        #expect(await refresh(server, refreshToken).errorCode == "invalid_grant")
    }

    @Test func refreshLifetimeFollowsTokenExpiresIn() async throws {
        var configuration = AuthorizationServer.Configuration()
        configuration.tokenExpiresIn = [.refreshToken: 1234]
        let server = makeAuthorizationServer(store: store, configuration: configuration)
        let (_, refreshToken) = try await initialTokens(server)
        #expect(await refresh(server, refreshToken).jsonBody?["expires_in"] == 1234)
    }
}
