import FoundationEssentials
import GatehouseCommon
import GatehouseJOSE
import OAuth2
import OAuthTestSupport
import Testing

/// RFC 9068 JWT access tokens: with `jwtAccessTokens` set, every grant issues a signed `at+jwt`
/// with the §2.2 claims, stored like an opaque token so revocation still applies.
struct JWTAccessTokensTests {
    let store = AuthorizationServerFixture.makeStore()

    func server(keys: KeySet) -> AuthorizationServer {
        let server = makeAuthorizationServer(store: store)
        var configuration = server.configuration
        configuration.jwtAccessTokens = JWTAccessTokens(
            issuer: AuthorizationServerFixture.issuer,
            defaultAudience: ["https://api.example"],
            algorithm: .es256
        ) { keys }
        server.configuration = configuration
        return server
    }

    @Test func clientCredentialsIssueASignedAtJWTWithTheRFC9068Claims() async throws {
        let keys = try await KeySet(current: [try .generate(.es256)])
        let response = await server(keys: keys).createTokenResponse(
            Fixture.token([("grant_type", "client_credentials"), ("scope", "profile")])
        )
        #expect(response.status == 200)
        let token = try #require(response.string("access_token"))
        let header = try JOSEHeader(compact: token)
        #expect(header.typ == "at+jwt" && header.alg == "ES256" && header.kid == keys.current[.es256]?.kid)
        let claims = try await keys.verify(token, as: JWTAccessTokenClaims.self, type: "at+jwt")
        #expect(claims.iss == AuthorizationServerFixture.issuer)
        #expect(claims.aud == ["https://api.example"])
        #expect(claims.sub == "confidential" && claims.clientID == "confidential", "no user: the client is the subject (§2.2)")
        #expect(claims.exp - claims.iat == 864_000 && claims.iat == Int(store.clock.now.timeIntervalSince1970))
        #expect(claims.scope == "profile" && claims.jti.count >= 22)
        #expect(store.token(accessToken: token)?.clientID == "confidential", "stored like an opaque token")
    }

    @Test func passwordGrantNamesTheUserAndEachTokenHasItsOwnJTI() async throws {
        let keys = try await KeySet(current: [try .generate(.es256)])
        let server = server(keys: keys)
        let form = [("grant_type", "password"), ("username", "alice"), ("password", "wonderland"), ("scope", "profile")]
        let first = try #require(await server.createTokenResponse(Fixture.token(form)).string("access_token"))
        let second = try #require(await server.createTokenResponse(Fixture.token(form)).string("access_token"))
        let claims = try await keys.verify(first, as: JWTAccessTokenClaims.self)
        #expect(claims.sub == AuthorizationServerFixture.user.userID)
        #expect(try await keys.verify(second, as: JWTAccessTokenClaims.self).jti != claims.jti)
    }

    @Test func revokedJWTIsRevokedInTheStore() async throws {
        let keys = try await KeySet(current: [try .generate(.es256)])
        let server = server(keys: keys)
        let token = try #require(
            await server.createTokenResponse(Fixture.token([("grant_type", "client_credentials")])).string("access_token")
        )
        let revoked = await server.createEndpointResponse(
            "revocation",
            .formPost(AuthorizationServerFixture.issuer + "/oauth/revoke", [("token", token)], basic: Fixture.basic)
        )
        #expect(revoked.status == 200)
        #expect(store.token(accessToken: token)?.revokedAt != nil)
    }

    @Test func aKeySetWithoutTheAlgorithmIsAServerErrorAndNothingIsStored() async throws {
        let keys = try await KeySet(current: [try .generate(.edDSA)])  // no ES256 key
        let response = await server(keys: keys).createTokenResponse(Fixture.token([("grant_type", "client_credentials")]))
        #expect(response.status == 500 && response.errorCode == "server_error")
        #expect(store.tokens.isEmpty)
    }
}
