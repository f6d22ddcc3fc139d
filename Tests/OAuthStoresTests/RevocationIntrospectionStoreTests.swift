import Foundation
import OAuth2
import OAuthStores
import OAuthTestSupport
import Testing

struct RevocationIntrospectionStoreTests {
    static func revoke(
        _ server: AuthorizationServer,
        _ token: String,
        clientID: String,
        secret: String,
        hint: String? = nil
    ) async -> OAuth2Response {
        var form = [("token", token)]
        if let hint { form.append(("token_type_hint", hint)) }
        return await server.createEndpointResponse(
            SQLRevocationEndpoint.endpointName,
            .formPost(StoreFixture.issuer + "/oauth/revoke", form, basic: (clientID, secret))
        )
    }

    static func introspect(_ server: AuthorizationServer, _ token: String, clientID: String, secret: String) async -> OAuth2Response {
        await server.createEndpointResponse(
            SQLIntrospectionEndpoint.endpointName,
            .formPost(StoreFixture.issuer + "/oauth/introspect", [("token", token)], basic: (clientID, secret))
        )
    }

    @Test(arguments: TestDatabase.enabled)
    func revokedAccessTokenIsRefusedAndItsRefreshTokenStillWorks(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let server = StoreFixture.makeServer(store)
            let (client, secret) = try await StoreFixture.makeClient(store)
            let tokens = try await StoreFixture.issueTokens(server, clientID: client.clientID, secret: secret, userID: uniqueKey("user"))
            let accessToken = try #require(tokens.string("access_token"))
            let refreshToken = try #require(tokens.string("refresh_token"))
            #expect(await Self.revoke(server, accessToken, clientID: client.clientID, secret: secret).status == 200)
            let protector = StoreFixture.protector(store.bearerTokenValidator(cacheLifetime: .zero))
            #expect(await StoreFixture.check(protector, accessToken) == "invalid_token")
            #expect(await StoreFixture.refresh(server, refreshToken: refreshToken, clientID: client.clientID, secret: secret).status == 200)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func revokedRefreshTokenRevokesTheFamily(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let server = StoreFixture.makeServer(store)
            let (client, secret) = try await StoreFixture.makeClient(store)
            let tokens = try await StoreFixture.issueTokens(server, clientID: client.clientID, secret: secret, userID: uniqueKey("user"))
            let accessToken = try #require(tokens.string("access_token"))
            let refreshToken = try #require(tokens.string("refresh_token"))
            #expect(await Self.revoke(server, refreshToken, clientID: client.clientID, secret: secret, hint: "refresh_token").status == 200)
            let protector = StoreFixture.protector(store.bearerTokenValidator(cacheLifetime: .zero))
            #expect(await StoreFixture.check(protector, accessToken) == "invalid_token")
            #expect(await StoreFixture.refresh(server, refreshToken: refreshToken, clientID: client.clientID, secret: secret).status == 400)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func anotherClientCannotRevokeAToken(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let server = StoreFixture.makeServer(store)
            let (client, secret) = try await StoreFixture.makeClient(store)
            let (other, otherSecret) = try await StoreFixture.makeClient(store)
            let tokens = try await StoreFixture.issueTokens(server, clientID: client.clientID, secret: secret, userID: uniqueKey("user"))
            let accessToken = try #require(tokens.string("access_token"))
            #expect(await Self.revoke(server, accessToken, clientID: other.clientID, secret: otherSecret).status == 200)
            #expect(try await store.oauth2Token(accessToken: accessToken)?.isRevoked == false)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func introspectionDescribesActiveTokensAndNotRevokedOnes(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let server = StoreFixture.makeServer(store)
            let (client, secret) = try await StoreFixture.makeClient(store)
            let user = uniqueKey("user")
            let tokens = try await StoreFixture.issueTokens(server, clientID: client.clientID, secret: secret, userID: user)
            let accessToken = try #require(tokens.string("access_token"))
            let refreshToken = try #require(tokens.string("refresh_token"))

            let active = await Self.introspect(server, accessToken, clientID: client.clientID, secret: secret)
            #expect(active.jsonBody?["active"]?.boolValue == true)
            #expect(active.string("client_id") == client.clientID)
            #expect(active.string("sub") == user)
            #expect(active.string("scope") == "profile")
            #expect(active.jsonBody?["exp"]?.intValue != nil)
            #expect(
                await Self.introspect(server, refreshToken, clientID: client.clientID, secret: secret).jsonBody?["active"]?.boolValue
                    == true
            )
            #expect(
                await Self.introspect(server, "unknown", clientID: client.clientID, secret: secret).jsonBody?["active"]?.boolValue == false
            )
            let (other, otherSecret) = try await StoreFixture.makeClient(store)
            #expect(
                await Self.introspect(server, accessToken, clientID: other.clientID, secret: otherSecret).jsonBody?["active"]?.boolValue
                    == false
            )

            _ = await Self.revoke(server, accessToken, clientID: client.clientID, secret: secret)
            #expect(
                await Self.introspect(server, accessToken, clientID: client.clientID, secret: secret).jsonBody?["active"]?.boolValue
                    == false
            )
            #expect(
                await Self.introspect(server, refreshToken, clientID: client.clientID, secret: secret).jsonBody?["active"]?.boolValue
                    == true
            )
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func introspectionPermissionCanBeWidened(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let (client, secret) = try await StoreFixture.makeClient(store)
            let (resourceServer, resourceSecret) = try await StoreFixture.makeClient(store)
            let server = StoreFixture.makeServer(store)
            server.registerEndpoint(store.introspectionEndpoint { _, caller in caller.clientID == resourceServer.clientID })
            let tokens = await StoreFixture.clientCredentials(server, clientID: client.clientID, secret: secret)
            let accessToken = try #require(tokens.string("access_token"))
            let response = await Self.introspect(server, accessToken, clientID: resourceServer.clientID, secret: resourceSecret)
            #expect(response.jsonBody?["active"]?.boolValue == true)
        }
    }
}
