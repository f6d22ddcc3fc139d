import Foundation
import OAuth2
import OAuthStores
import Testing

struct RefreshTokenStoreTests {
    @Test(arguments: TestDatabase.enabled)
    func refreshRotatesAndRetiresTheOldToken(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let server = StoreFixture.makeServer(store)
            let (client, secret) = try await StoreFixture.makeClient(store)
            let first = try await StoreFixture.issueTokens(server, clientID: client.clientID, secret: secret, userID: uniqueKey("user"))
            let oldAccess = try #require(first.string("access_token"))
            let oldRefresh = try #require(first.string("refresh_token"))
            let refreshed = await StoreFixture.refresh(server, refreshToken: oldRefresh, clientID: client.clientID, secret: secret)
            #expect(refreshed.status == 200, "\(refreshed.bodyText)")
            let newAccess = try #require(refreshed.string("access_token"))
            let newRefresh = try #require(refreshed.string("refresh_token"))
            #expect(newRefresh != oldRefresh)

            let old = try #require(try await store.oauth2Token(refreshToken: oldRefresh))
            #expect(old.isRefreshTokenRotated)
            #expect(old.isRevoked)
            #expect(old.revokedAt != nil)
            let new = try #require(try await store.oauth2Token(accessToken: newAccess))
            #expect(new.grantID == old.grantID)
            #expect(!new.isRevoked)
            let protector = StoreFixture.protector(store.bearerTokenValidator(cacheLifetime: .zero))
            #expect(await StoreFixture.check(protector, oldAccess) == "invalid_token")
            #expect(await StoreFixture.check(protector, newAccess) == nil)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func reusedRefreshTokenRevokesTheWholeFamily(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let server = StoreFixture.makeServer(store)
            let (client, secret) = try await StoreFixture.makeClient(store)
            let first = try await StoreFixture.issueTokens(server, clientID: client.clientID, secret: secret, userID: uniqueKey("user"))
            let oldRefresh = try #require(first.string("refresh_token"))
            let refreshed = await StoreFixture.refresh(server, refreshToken: oldRefresh, clientID: client.clientID, secret: secret)
            let newAccess = try #require(refreshed.string("access_token"))
            let newRefresh = try #require(refreshed.string("refresh_token"))

            let replay = await StoreFixture.refresh(server, refreshToken: oldRefresh, clientID: client.clientID, secret: secret)
            #expect(replay.status == 400)
            #expect(replay.string("error") == "invalid_grant")
            #expect(try await store.oauth2Token(accessToken: newAccess)?.isRevoked == true)
            let afterReuse = await StoreFixture.refresh(server, refreshToken: newRefresh, clientID: client.clientID, secret: secret)
            #expect(afterReuse.string("error") == "invalid_grant")
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func concurrentRefreshesWithOneTokenOnTwoNodesLetAtMostOneSucceed(database: TestDatabase) async throws {
        try await database.withTwoNodes { nodeA, nodeB throws in
            let servers = [StoreFixture.makeServer(nodeA), StoreFixture.makeServer(nodeB)]
            let (client, secret) = try await StoreFixture.makeClient(nodeA)
            let first = try await StoreFixture.issueTokens(servers[0], clientID: client.clientID, secret: secret, userID: uniqueKey("user"))
            let refreshToken = try #require(first.string("refresh_token"))
            let responses = await withTaskGroup(of: OAuth2Response.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        await StoreFixture.refresh(
                            servers[index % 2],
                            refreshToken: refreshToken,
                            clientID: client.clientID,
                            secret: secret
                        )
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            // Whoever loses the rotation is a reuse: the family is revoked, so no issued token stays usable.
            #expect(responses.filter { $0.status == 200 }.count <= 1)
            let protector = StoreFixture.protector(nodeA.bearerTokenValidator(cacheLifetime: .zero))
            var usable = 0
            for response in responses {
                if let token = response.string("access_token"), await StoreFixture.check(protector, token) == nil { usable += 1 }
            }
            #expect(usable <= 1)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func losingAConcurrentRotationIsReuseAndRevokesTheFamily(database: TestDatabase) async throws {
        try await database.withTwoNodes { nodeA, nodeB throws in
            let (client, secret) = try await StoreFixture.makeClient(nodeA)
            let first = try await StoreFixture.issueTokens(
                StoreFixture.makeServer(nodeA),
                clientID: client.clientID,
                secret: secret,
                userID: uniqueKey("user")
            )
            let refreshToken = try #require(first.string("refresh_token"))
            let accessToken = try #require(first.string("access_token"))
            // Both nodes loaded the record before either rotated it.
            let grantA = nodeA.refreshTokenGrant()
            let grantB = nodeB.refreshTokenGrant()
            let seenByA = try #require(try await grantA.authenticateRefreshToken(refreshToken))
            let seenByB = try #require(try await grantB.authenticateRefreshToken(refreshToken))
            #expect(!seenByA.isRevoked && !seenByB.isRevoked)
            try await grantA.revokeOldCredential(seenByA)
            await #expect(throws: OAuth2Error.self) { try await grantB.revokeOldCredential(seenByB) }
            let record = try #require(try await nodeA.oauth2Token(accessToken: accessToken))
            #expect(record.isRefreshTokenRotated && record.isRefreshTokenRevoked && record.isAccessTokenRevoked)
            // With a grace period the loser is let through.
            let graceful = nodeB.refreshTokenGrant(reuseGracePeriod: 30)
            try await graceful.revokeOldCredential(seenByB)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func refreshTokenWithALifetimeExpires(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let (client, secret) = try await StoreFixture.makeClient(store)
            let server = StoreFixture.makeServer(store, refreshTokenLifetime: -1)
            let first = try await StoreFixture.issueTokens(server, clientID: client.clientID, secret: secret, userID: uniqueKey("user"))
            let refreshToken = try #require(first.string("refresh_token"))
            #expect(try await store.oauth2Token(refreshToken: refreshToken)?.isRefreshTokenExpired == true)
            let response = await StoreFixture.refresh(server, refreshToken: refreshToken, clientID: client.clientID, secret: secret)
            #expect(response.string("error") == "invalid_grant")
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func refreshTokenIsStoredOnlyAsADigest(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let server = StoreFixture.makeServer(store)
            let (client, secret) = try await StoreFixture.makeClient(store)
            let response = try await StoreFixture.issueTokens(server, clientID: client.clientID, secret: secret, userID: uniqueKey("user"))
            let accessToken = try #require(response.string("access_token"))
            let refreshToken = try #require(response.string("refresh_token"))
            #expect(try await rawRowCount(store, table: "oauth2_tokens", where: "access_token_digest", storedTokenKey(accessToken)) == 1)
            #expect(try await rawRowCount(store, table: "oauth2_tokens", where: "refresh_token_digest", storedTokenKey(refreshToken)) == 1)
            let text = try await rawTableText(store, table: "oauth2_tokens", where: "client_id", client.clientID)
            #expect(!text.contains(accessToken))
            #expect(!text.contains(refreshToken))
        }
    }
}
