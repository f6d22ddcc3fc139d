import Foundation
import OAuth2
import OAuthStores
import SQLKit
import Testing

struct ConcurrencyTests {
    static let issuances = 2_000
    static let clients = 64

    @Test(arguments: TestDatabase.enabled)
    func concurrentIssuancesAreAllFoundNoneDuplicatedNoneLost(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let server = AuthorizationServer(
                configuration: AuthorizationServer.Configuration(issuer: StoreFixture.issuer),
                queryClient: store.queryClient,
                saveToken: store.saveToken
            )
            server.registerGrant(ClientCredentialsGrant())
            // 64 registered clients, each requesting tokens from its own task.
            var credentials: [(clientID: String, secret: String)] = []
            for _ in 0..<Self.clients {
                let (client, secret) = try await StoreFixture.makeClient(store)
                credentials.append((client.clientID, secret))
            }
            let clients = credentials

            let tokens = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in 0..<Self.clients {
                    group.addTask {
                        var issued: [String] = []
                        for _ in stride(from: worker, to: Self.issuances, by: Self.clients) {
                            let (clientID, secret) = clients[worker]
                            let response = await StoreFixture.clientCredentials(server, clientID: clientID, secret: secret)
                            guard response.status == 200, let token = response.string("access_token") else {
                                throw FixtureError("issuance failed: \(response.status) \(response.bodyText)")
                            }
                            issued.append(token)
                        }
                        return issued
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(tokens.count == Self.issuances)
            #expect(Set(tokens).count == Self.issuances, "no token duplicated")
            var saved = 0
            for (clientID, _) in clients {
                saved += try await rawRowCount(store, table: "oauth2_tokens", where: "client_id", clientID)
            }
            #expect(saved == Self.issuances, "none lost")

            // Every issued token is found by the validator.
            let validator = store.bearerTokenValidator(cacheLifetime: .zero)
            let protector = StoreFixture.protector(validator)
            let refused = await withTaskGroup(of: Int.self) { group in
                for worker in 0..<Self.clients {
                    group.addTask {
                        var refused = 0
                        for index in stride(from: worker, to: tokens.count, by: Self.clients) {
                            if await StoreFixture.check(protector, tokens[index], scope: "profile") != nil { refused += 1 }
                        }
                        return refused
                    }
                }
                return await group.reduce(0, +)
            }
            #expect(refused == 0)
        }
    }
}
