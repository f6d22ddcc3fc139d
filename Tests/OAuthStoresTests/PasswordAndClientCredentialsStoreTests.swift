import Foundation
import OAuth2
import OAuthStores
import OAuthTestSupport
import Testing

struct PasswordAndClientCredentialsStoreTests {
    @Test(arguments: TestDatabase.enabled)
    func passwordGrantUsesTheApplicationsCheckAndSavesTheUser(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let server = StoreFixture.makeServer(store)
            let (client, secret) = try await StoreFixture.makeClient(store)
            let username = uniqueKey("alice")
            let good = await server.createTokenResponse(
                .formPost(
                    StoreFixture.tokenURI,
                    [("grant_type", "password"), ("username", username), ("password", StoreFixture.password), ("scope", "profile")],
                    basic: (client.clientID, secret)
                )
            )
            #expect(good.status == 200, "\(good.bodyText)")
            let accessToken = try #require(good.string("access_token"))
            #expect(try await store.oauth2Token(accessToken: accessToken)?.userID == "user-of-" + username)
            let bad = await server.createTokenResponse(
                .formPost(
                    StoreFixture.tokenURI,
                    [("grant_type", "password"), ("username", username), ("password", "wrong")],
                    basic: (client.clientID, secret)
                )
            )
            #expect(bad.string("error") == "invalid_grant")
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func clientCredentialsTokenHasNoUser(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let server = StoreFixture.makeServer(store)
            let (client, secret) = try await StoreFixture.makeClient(store)
            let response = await StoreFixture.clientCredentials(server, clientID: client.clientID, secret: secret)
            let accessToken = try #require(response.string("access_token"))
            let token = try #require(try await store.oauth2Token(accessToken: accessToken))
            #expect(token.userID == nil)
            #expect(token.refreshToken == nil)
            #expect(token.expiresIn == 864_000)
            #expect(
                await StoreFixture.clientCredentials(server, clientID: client.clientID, secret: "wrong").string("error") == "invalid_client"
            )
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func userSeesAndRevokesOnlyTheirOwnGrants(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let server = StoreFixture.makeServer(store)
            let (client, secret) = try await StoreFixture.makeClient(store)
            let user = uniqueKey("user")
            let first = try await StoreFixture.issueTokens(server, clientID: client.clientID, secret: secret, userID: user)
            _ = try await StoreFixture.issueTokens(server, clientID: client.clientID, secret: secret, userID: user)
            _ = try await StoreFixture.issueTokens(server, clientID: client.clientID, secret: secret, userID: uniqueKey("someone-else"))
            let refreshToken = try #require(first.string("refresh_token"))
            _ = await StoreFixture.refresh(server, refreshToken: refreshToken, clientID: client.clientID, secret: secret)

            let grants = try await store.activeOAuth2Grants(userID: user)
            #expect(grants.count == 2)
            #expect(grants.allSatisfy { $0.clientID == client.clientID && $0.clientName == "Test client" && $0.scope == "profile" })
            #expect(try await store.activeOAuth2Tokens(userID: user).count == 2)
            let target = try #require(grants.first)
            #expect(try await !store.revokeOAuth2Grant(target.grantID, userID: uniqueKey("intruder")))
            #expect(try await store.revokeOAuth2Grant(target.grantID, userID: user))
            #expect(try await store.activeOAuth2Grants(userID: user).map(\.grantID) == grants.dropFirst().map(\.grantID))
        }
    }
}
