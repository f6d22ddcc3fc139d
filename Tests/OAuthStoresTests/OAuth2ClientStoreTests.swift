import Foundation
import GatehouseCommon
import OAuth2
import OAuthStores
import SQLKit
import Testing

struct OAuth2ClientStoreTests {
    @Test(arguments: TestDatabase.enabled)
    func createdClientIsFoundWithItsMetadata(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let owner = uniqueKey("developer")
            let (client, secret) = try await store.createOAuth2Client(
                name: "Printer",
                redirectURIs: ["https://printer.example/cb", "https://printer.example/cb2"],
                grantTypes: [.authorizationCode, .refreshToken],
                responseTypes: [.code],
                scope: "profile photos",
                tokenEndpointAuthMethod: .clientSecretPost,
                ownerUserID: owner
            )
            #expect(secret?.count == 48)
            let found = try #require(try await store.queryClient(client.clientID) as? SQLOAuth2Client)
            #expect(found == client)
            #expect(found.redirectURIs == ["https://printer.example/cb", "https://printer.example/cb2"])
            #expect(found.grantTypes == [.authorizationCode, .refreshToken])
            #expect(found.tokenEndpointAuthMethod == .clientSecretPost)
            #expect(found.name == "Printer")
            #expect(found.ownerUserID == owner)
            #expect(try await store.queryClient(uniqueKey("nobody")) == nil)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func clientSecretIsCheckedAgainstItsDigest(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let (client, secret) = try await StoreFixture.makeClient(store)
            let found = try #require(try await store.oauth2Client(id: client.clientID))
            #expect(found.clientSecret == nil)
            #expect(found.checkClientSecret(secret))
            #expect(!found.checkClientSecret(secret + "x"))
            #expect(!found.checkClientSecret(""))
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func publicClientGetsNoSecret(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let (client, secret) = try await store.createOAuth2Client(
                name: "SPA",
                redirectURIs: ["http://127.0.0.1/cb"],
                scope: "profile",
                tokenEndpointAuthMethod: .none,
                ownerUserID: nil
            )
            #expect(secret == nil)
            #expect(client.isPublic)
            #expect(try await store.oauth2Client(id: client.clientID)?.checkClientSecret("") == false)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func clientsAreListedByOwnerAndDeletedOnlyByTheirOwner(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let owner = uniqueKey("developer")
            let first = try await StoreFixture.makeClient(store, owner: owner).client
            let second = try await StoreFixture.makeClient(store, owner: owner).client
            _ = try await StoreFixture.makeClient(store)
            #expect(Set(try await store.oauth2Clients(ownerUserID: owner).map(\.clientID)) == [first.clientID, second.clientID])
            #expect(try await !store.deleteOAuth2Client(id: first.clientID, ownerUserID: uniqueKey("intruder")))
            #expect(try await store.deleteOAuth2Client(id: first.clientID, ownerUserID: owner))
            #expect(try await store.oauth2Clients(ownerUserID: owner).map(\.clientID) == [second.clientID])
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func clientSecretIsStoredOnlyAsADigest(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let (client, secret) = try await StoreFixture.makeClient(store)
            let stored = try await store.read { database in
                try await database.raw("SELECT * FROM oauth2_clients WHERE client_id = \(bind: client.clientID)").first()?.decode(
                    column: "client_secret_digest",
                    as: String.self
                )
            }
            #expect(stored == sha256Hex(secret))
            #expect(try await rawTableText(store, table: "oauth2_clients", where: "client_id", client.clientID).contains(secret) == false)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func clientDeletedThroughTheSameStoreIsForgottenByItsCachedQueryClientAtOnce(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let queryClient = store.queryClient(cacheLifetime: .seconds(60))
            let (client, _) = try await StoreFixture.makeClient(store)
            #expect(try await queryClient(client.clientID)?.clientID == client.clientID)
            try await store.deleteOAuth2Client(id: client.clientID)
            #expect(try await queryClient(client.clientID) == nil)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func clientDeletedOnAnotherNodeIsRefusedOnceTheCacheLifetimePassed(database: TestDatabase) async throws {
        let time = ManualClock(Date())
        try await database.withTwoNodes(clock: time.clock) { nodeA, nodeB throws in
            let lifetime = Duration.seconds(5)
            let queryClientB = nodeB.queryClient(cacheLifetime: lifetime)
            // An unknown id is not cached: a client registered on node A right after a miss on B works on B.
            let clientID = uniqueKey("provisioned")
            #expect(try await queryClientB(clientID) == nil)
            _ = try await nodeA.createOAuth2Client(
                name: "Provisioned",
                redirectURIs: ["https://app.example/cb"],
                scope: "profile",
                ownerUserID: nil,
                clientID: clientID
            )
            #expect(try await queryClientB(clientID)?.clientID == clientID)
            // A deletion on A may be served from B's cache within the lifetime, and not after it.
            try await nodeA.deleteOAuth2Client(id: clientID)
            time.advance(by: .milliseconds(4_900))
            #expect(try await queryClientB(clientID)?.clientID == clientID)
            time.advance(by: .milliseconds(100))
            #expect(try await queryClientB(clientID) == nil)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func uncachedQueryClientReadsTheDatabaseEveryTime(database: TestDatabase) async throws {
        try await database.withTwoNodes { nodeA, nodeB throws in
            let queryClientB = nodeB.queryClient(cacheLifetime: .zero)
            let (client, _) = try await StoreFixture.makeClient(nodeA)
            #expect(try await queryClientB(client.clientID)?.clientID == client.clientID)
            try await nodeA.deleteOAuth2Client(id: client.clientID)
            #expect(try await queryClientB(client.clientID) == nil)
        }
    }
}
