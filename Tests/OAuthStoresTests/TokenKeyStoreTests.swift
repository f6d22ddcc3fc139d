import Foundation
import GatehouseCommon
import OAuth2
import OAuthStores
import Testing

/// The keys tokens are stored under: ordered tokens by selector and digest, others by digest.
struct TokenKeyStoreTests {
    @Test(arguments: TestDatabase.enabled)
    func defaultTokensAreKeyedInIssueOrderWithoutTheirSecret(database: TestDatabase) async throws {
        let time = ManualClock(Date())
        try await database.withStore(clock: time.clock) { store throws in
            let server = StoreFixture.makeServer(store)
            let (client, secret) = try await StoreFixture.makeClient(store)
            var tokens: [String] = []
            for _ in 0..<3 {
                let response = await StoreFixture.clientCredentials(server, clientID: client.clientID, secret: secret)
                tokens.append(try #require(response.string("access_token")))
                time.advance(by: .milliseconds(3))
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
