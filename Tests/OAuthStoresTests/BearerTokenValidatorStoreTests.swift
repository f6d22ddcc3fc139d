import Foundation
import GatehouseCommon
import OAuth2
import OAuthStores
import Testing

struct BearerTokenValidatorStoreTests {
    @Test(arguments: TestDatabase.enabled)
    func revokedTokenIsRefusedOnAnotherNodeOnceTheCacheLifetimePassed(database: TestDatabase) async throws {
        let time = ManualClock(Date())
        try await database.withTwoNodes(clock: time.clock) { nodeA, nodeB throws in
            let server = StoreFixture.makeServer(nodeA)
            let (client, secret) = try await StoreFixture.makeClient(nodeA)
            let tokens = try await StoreFixture.issueTokens(server, clientID: client.clientID, secret: secret, userID: uniqueKey("user"))
            let accessToken = try #require(tokens.string("access_token"))
            let lifetime = Duration.seconds(5)
            let validatorB = nodeB.bearerTokenValidator(cacheLifetime: lifetime)
            let protectorB = StoreFixture.protector(validatorB)
            #expect(await StoreFixture.check(protectorB, accessToken) == nil)
            #expect(validatorB.cachedTokenCount == 1)

            _ = await RevocationIntrospectionStoreTests.revoke(server, accessToken, clientID: client.clientID, secret: secret)
            // Within the lifetime node B serves its cached look-up, by the clock ...
            time.advance(by: .milliseconds(4_900))
            #expect(await StoreFixture.check(protectorB, accessToken) == nil)
            // ... and once it passed, node B reads the database again and refuses the token.
            time.advance(by: .milliseconds(100))
            #expect(await StoreFixture.check(protectorB, accessToken) == "invalid_token")
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func revocationThroughTheSameStoreEndsCachedLookUpsAtOnce(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let server = StoreFixture.makeServer(store)
            let (client, secret) = try await StoreFixture.makeClient(store)
            let tokens = await StoreFixture.clientCredentials(server, clientID: client.clientID, secret: secret)
            let accessToken = try #require(tokens.string("access_token"))
            let validator = store.bearerTokenValidator(cacheLifetime: .seconds(60))
            let protector = StoreFixture.protector(validator)
            #expect(await StoreFixture.check(protector, accessToken) == nil)
            #expect(validator.cachedTokenCount == 1)
            _ = await RevocationIntrospectionStoreTests.revoke(server, accessToken, clientID: client.clientID, secret: secret)
            #expect(await StoreFixture.check(protector, accessToken) == "invalid_token")
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func withoutCacheARevokedTokenIsRefusedAtOnce(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let server = StoreFixture.makeServer(store)
            let (client, secret) = try await StoreFixture.makeClient(store)
            let tokens = await StoreFixture.clientCredentials(server, clientID: client.clientID, secret: secret)
            let accessToken = try #require(tokens.string("access_token"))
            let validator = store.bearerTokenValidator(cacheLifetime: .zero)
            #expect(validator.cacheLifetime == .zero)
            let protector = StoreFixture.protector(validator)
            #expect(await StoreFixture.check(protector, accessToken) == nil)
            _ = await RevocationIntrospectionStoreTests.revoke(server, accessToken, clientID: client.clientID, secret: secret)
            #expect(await StoreFixture.check(protector, accessToken) == "invalid_token")
            #expect(validator.cachedTokenCount == 0)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func cacheStaysWithinItsBound(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let server = StoreFixture.makeServer(store)
            let (client, secret) = try await StoreFixture.makeClient(store)
            let validator = store.bearerTokenValidator(cacheLifetime: .seconds(60), maxCachedTokens: 5)
            let protector = StoreFixture.protector(validator)
            for _ in 0..<12 {
                let token = try #require(
                    await StoreFixture.clientCredentials(server, clientID: client.clientID, secret: secret).string("access_token")
                )
                #expect(await StoreFixture.check(protector, token) == nil)
            }
            #expect(validator.cachedTokenCount <= 5)
            #expect(await StoreFixture.check(protector, "unknown-token") == "invalid_token")
            #expect(validator.cachedTokenCount <= 5)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func expiredTokenIsRefusedEvenFromTheCache(database: TestDatabase) async throws {
        let time = ManualClock(Date())
        try await database.withStore(clock: time.clock) { store throws in
            let (client, _) = try await StoreFixture.makeClient(store)
            let accessToken = uniqueKey("access")
            try await store.insertOAuth2Token(
                IssuedToken(accessToken: accessToken, expiresIn: 10, issuedAt: time.now, grantID: uniqueKey("grant")),
                clientID: client.clientID,
                userID: nil
            )
            let protector = StoreFixture.protector(store.bearerTokenValidator(cacheLifetime: .seconds(60)))
            #expect(await StoreFixture.check(protector, accessToken) == nil)
            // Cached for a minute, but the token's own ten seconds end first.
            time.advance(by: 10)
            #expect(await StoreFixture.check(protector, accessToken) == "invalid_token")
        }
    }
}
