import Foundation
import OAuth2
import OAuthStores
import SQLKit
import Testing

struct AuthorizationCodeStoreTests {
    @Test(arguments: TestDatabase.enabled)
    func codeIsExchangedForTokensThatValidate(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let server = StoreFixture.makeServer(store)
            let (client, secret) = try await StoreFixture.makeClient(store)
            let user = uniqueKey("user")
            let response = try await StoreFixture.issueTokens(server, clientID: client.clientID, secret: secret, userID: user)
            #expect(response.status == 200, "\(response.bodyText)")
            let accessToken = try #require(response.string("access_token"))
            #expect(response.string("refresh_token") != nil)
            let token = try #require(try await store.oauth2Token(accessToken: accessToken))
            #expect(token.userID == user)
            #expect(token.clientID == client.clientID)
            #expect(token.scope == "profile")
            #expect(token.grantID?.isEmpty == false)
            let protector = StoreFixture.protector(store.bearerTokenValidator(cacheLifetime: .zero))
            #expect(await StoreFixture.check(protector, accessToken, scope: "profile") == nil)
            #expect(await StoreFixture.check(protector, accessToken, scope: "email") == "insufficient_scope")
            #expect(await StoreFixture.check(protector, "not-a-token") == "invalid_token")
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func storedCodeKeepsPKCEAndRedirectURIAndIsKeptWhenUsed(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let server = StoreFixture.makeServer(store)
            let (client, secret) = try await StoreFixture.makeClient(store)
            let code = try await StoreFixture.authorize(server, clientID: client.clientID, userID: uniqueKey("user"))
            let grant = store.authorizationCodeGrant()
            let stored = try #require(try await grant.queryAuthorizationCode(code, client: client))
            #expect(stored.codeChallenge == StoreFixture.challenge)
            #expect(stored.codeChallengeMethod == "S256")
            #expect(stored.redirectURI == StoreFixture.redirectURI)
            #expect(!stored.isUsed)
            #expect(stored.expiresAt > Date())
            let other = try await StoreFixture.makeClient(store).client
            #expect(try await grant.queryAuthorizationCode(code, client: other) == nil)

            #expect(await StoreFixture.exchange(server, code: code, clientID: client.clientID, secret: secret).status == 200)
            #expect(try await grant.queryAuthorizationCode(code, client: client)?.isUsed == true)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func codeIsStoredOnlyAsADigest(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let server = StoreFixture.makeServer(store)
            let (client, _) = try await StoreFixture.makeClient(store)
            let code = try await StoreFixture.authorize(server, clientID: client.clientID, userID: uniqueKey("user"))
            #expect(try await rawRowCount(store, table: "oauth2_codes", where: "code_digest", sha256Hex(code)) == 1)
            #expect(try await rawTableText(store, table: "oauth2_codes", where: "client_id", client.clientID).contains(code) == false)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func codeRedeemedOnOneNodeIsRefusedOnTheOther(database: TestDatabase) async throws {
        try await database.withTwoNodes { nodeA, nodeB throws in
            let serverA = StoreFixture.makeServer(nodeA)
            let serverB = StoreFixture.makeServer(nodeB)
            let (client, secret) = try await StoreFixture.makeClient(nodeA)
            let code = try await StoreFixture.authorize(serverA, clientID: client.clientID, userID: uniqueKey("user"))
            let first = await StoreFixture.exchange(serverA, code: code, clientID: client.clientID, secret: secret)
            #expect(first.status == 200)
            let second = await StoreFixture.exchange(serverB, code: code, clientID: client.clientID, secret: secret)
            #expect(second.status == 400)
            #expect(second.string("error") == "invalid_grant")
            // The reuse revoked the tokens issued from the code (RFC 6749 §4.1.2).
            let accessToken = try #require(first.string("access_token"))
            #expect(try await nodeB.oauth2Token(accessToken: accessToken)?.isRevoked == true)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func concurrentRedemptionsOnTwoNodesLetExactlyOneWin(database: TestDatabase) async throws {
        try await database.withTwoNodes { nodeA, nodeB throws in
            let client = try await StoreFixture.makeClient(nodeA).client
            let grantA = nodeA.authorizationCodeGrant()
            let grantB = nodeB.authorizationCodeGrant()
            for _ in 0..<5 {
                let code = try await StoreFixture.authorize(
                    StoreFixture.makeServer(nodeA),
                    clientID: client.clientID,
                    userID: uniqueKey("user")
                )
                let recordA = try #require(try await grantA.queryAuthorizationCode(code, client: client))
                let recordB = try #require(try await grantB.queryAuthorizationCode(code, client: client))
                async let wonA = grantA.deleteAuthorizationCode(recordA)
                async let wonB = grantB.deleteAuthorizationCode(recordB)
                let results = try await [wonA, wonB]
                #expect(results.filter { $0 }.count == 1)
            }
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func concurrentTokenRequestsWithOneCodeIssueOneToken(database: TestDatabase) async throws {
        try await database.withTwoNodes { nodeA, nodeB throws in
            let servers = [StoreFixture.makeServer(nodeA), StoreFixture.makeServer(nodeB)]
            let (client, secret) = try await StoreFixture.makeClient(nodeA)
            let code = try await StoreFixture.authorize(servers[0], clientID: client.clientID, userID: uniqueKey("user"))
            let statuses = await withTaskGroup(of: Int.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        await StoreFixture.exchange(servers[index % 2], code: code, clientID: client.clientID, secret: secret).status.code
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 1)
            #expect(statuses.filter { $0 == 400 }.count == 7)
        }
    }
}
