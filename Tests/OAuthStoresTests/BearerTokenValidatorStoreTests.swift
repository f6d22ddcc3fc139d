import Foundation
import GatehouseCommon
import OAuth2
import OAuthStores
import Testing

struct BearerTokenValidatorStoreTests {
    @Test(arguments: TestDatabase.enabled)
    func revokedTokenIsRefusedOnAnotherNodeOnceTheCacheLifetimePassed(database: TestDatabase) async throws {
        try await database.withTwoNodes { nodeA, nodeB throws in
            let server = StoreFixture.makeServer(nodeA)
            let (client, secret) = try await StoreFixture.makeClient(nodeA)
            let tokens = try await StoreFixture.issueTokens(server, clientID: client.clientID, secret: secret, userID: uniqueKey("user"))
            let accessToken = try #require(tokens.string("access_token"))
            let lifetime = Duration.milliseconds(600)
            let validatorB = nodeB.bearerTokenValidator(cacheLifetime: lifetime)
            let protectorB = StoreFixture.protector(validatorB)
            #expect(await StoreFixture.check(protectorB, accessToken) == nil)
            #expect(validatorB.cachedTokenCount == 1)

            _ = await RevocationIntrospectionStoreTests.revoke(server, accessToken, clientID: client.clientID, secret: secret)
            // Within the lifetime node B may still serve its cached look-up ...
            #expect(await StoreFixture.check(protectorB, accessToken) == nil)
            // ... and after it, it refuses the token.
            try await Task.sleep(for: lifetime + .milliseconds(100))
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
        try await database.withStore { store throws in
            let (client, _) = try await StoreFixture.makeClient(store)
            let accessToken = uniqueKey("access")
            try await store.insertOAuth2Token(
                IssuedToken(accessToken: accessToken, expiresIn: 1, issuedAt: Date().addingTimeInterval(-10), grantID: uniqueKey("grant")),
                clientID: client.clientID,
                userID: nil
            )
            let protector = StoreFixture.protector(store.bearerTokenValidator(cacheLifetime: .seconds(60)))
            #expect(await StoreFixture.check(protector, accessToken) == "invalid_token")
        }
    }
}

/// The keys tokens are stored under: ordered tokens by selector and digest, others by digest.
struct TokenKeyStoreTests {
    @Test(arguments: TestDatabase.enabled)
    func defaultTokensAreKeyedInIssueOrderWithoutTheirSecret(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let server = StoreFixture.makeServer(store)
            let (client, secret) = try await StoreFixture.makeClient(store)
            var tokens: [String] = []
            for _ in 0..<3 {
                let response = await StoreFixture.clientCredentials(server, clientID: client.clientID, secret: secret)
                tokens.append(try #require(response.string("access_token")))
                try await Task.sleep(for: .milliseconds(3))
            }
            let keys = tokens.map(storedTokenKey)
            for (token, key) in zip(tokens, keys) {
                #expect(key.utf8.count == 18 + 1 + 64)
                #expect(try await rawRowCount(store, table: "oauth2_tokens", where: "access_token_digest", key) == 1)
                #expect(!key.contains(String(token.dropFirst(19))))
            }
            // Later tokens sort after earlier ones: the index grows at its end.
            #expect(keys == keys.sorted())
            let protector = StoreFixture.protector(store.bearerTokenValidator(cacheLifetime: .zero))
            for token in tokens { #expect(await StoreFixture.check(protector, token) == nil) }
            // The selector alone, or with another secret, is no token.
            let forged = String(tokens[0].prefix(19)) + String(repeating: "A", count: 40)
            #expect(await StoreFixture.check(protector, forged) == "invalid_token")
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func tokensOfACustomGeneratorAreKeyedByTheirDigestAlone(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let server = StoreFixture.makeServer(store)
            server.configuration.accessTokenGenerator = { _ in TokenGenerator.generate(length: 42) }
            let (client, secret) = try await StoreFixture.makeClient(store)
            let response = await StoreFixture.clientCredentials(server, clientID: client.clientID, secret: secret)
            let token = try #require(response.string("access_token"))
            #expect(token.utf8.count == 42)
            #expect(try await rawRowCount(store, table: "oauth2_tokens", where: "access_token_digest", sha256Hex(token)) == 1)
            let protector = StoreFixture.protector(store.bearerTokenValidator(cacheLifetime: .zero))
            #expect(await StoreFixture.check(protector, token) == nil)
            let revoked = await RevocationIntrospectionStoreTests.revoke(server, token, clientID: client.clientID, secret: secret)
            #expect(revoked.status == 200)
            #expect(await StoreFixture.check(protector, token) == "invalid_token")
        }
    }
}
