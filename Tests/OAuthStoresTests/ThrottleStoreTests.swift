import Foundation
import GatehouseCommon
import GatehouseOperations
import OAuth2
import OAuthStores
import SQLKit
import Testing

/// Failed attempts counted in the database, so every node counts together; and redirect URIs refused
/// at registration (RFC 9700 §2.6).
struct ThrottleStoreTests {
    @Test(arguments: TestDatabase.enabled)
    func concurrentFailuresOnOneKeyAreAllCounted(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let counter = store.failureCounter()
            let key = uniqueKey("password:account")
            let now = 1_800_000_000
            try await withThrowingTaskGroup(of: FailureRecord.self) { group in
                for _ in 0..<20 { group.addTask { try await counter.recordFailure(key, now: now, forgetAfter: 3600) } }
                try await group.waitForAll()
            }
            let record = try #require(try await counter.records([key], now: now)[key])
            #expect(record.count == 20)
            #expect(record.lastFailure == now)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func countsAreForgottenResetAndPurged(database: TestDatabase) async throws {
        try await database.withStore(isolated: true) { store throws in
            let counter = store.failureCounter()
            let key = uniqueKey("password:address")
            let other = uniqueKey("password:account")
            // In the past, so the purge below (at the real time, as other suites run beside it)
            // removes only what is expired anyway.
            let now = Int(Date().timeIntervalSince1970) - 1000
            _ = try await counter.recordFailure(key, now: now, forgetAfter: 60)
            _ = try await counter.recordFailure(key, now: now + 1, forgetAfter: 60)
            _ = try await counter.recordFailure(other, now: now, forgetAfter: 60)
            #expect(try await counter.records([key, other], now: now + 1)[key]?.count == 2)
            // Forgotten after the window: absent on read, and the next failure starts over at one.
            #expect(try await counter.records([key], now: now + 61).isEmpty)
            #expect(try await counter.recordFailure(key, now: now + 61, forgetAfter: 60).count == 1)
            try await counter.reset(key)
            #expect(try await counter.records([key], now: now + 61).isEmpty)
            // The key is stored as a digest, never in clear.
            let rows = try await store.read { database in
                try await database.raw("SELECT key_digest FROM gatehouse_failures").all(decodingColumn: "key_digest", as: String.self)
            }
            #expect(!rows.contains(other))
            let report = try await store.purgeExpired(now: Date())
            #expect(report.failureCounters >= 1)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func aSharedThrottleSeesTheFailuresOfEveryNode(database: TestDatabase) async throws {
        try await database.withTwoNodes { nodeA, nodeB throws in
            let now = 1_800_000_000
            let user = uniqueKey("alice")
            let rules = Throttle.Rules(
                perAddress: ThrottlePolicy(freeFailures: 100, maxDelay: 900),
                perAccount: ThrottlePolicy(freeFailures: 3, maxDelay: 60)
            )
            let throttleA = Throttle(
                name: "password",
                counter: nodeA.failureCounter(),
                rules: rules,
                clock: .fixed(secondsSince1970: Double(now))
            )
            let throttleB = Throttle(
                name: "password",
                counter: SQLFailureCounter(store: nodeB),
                rules: rules,
                clock: .fixed(secondsSince1970: Double(now))
            )
            for _ in 0..<2 { try await throttleA.recordFailure(account: user, address: "198.51.100.1") }
            for _ in 0..<2 { try await throttleB.recordFailure(account: user, address: "198.51.100.2") }
            #expect(try await throttleA.retryAfter(account: user, address: "192.0.2.9") == 1)
            #expect(try await throttleB.retryAfter(account: user, address: "192.0.2.9") == 1)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func plainHTTPRedirectURIsToPublicHostsAreRefused(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            await #expect(throws: OAuth2Error.self) {
                _ = try await store.createOAuth2Client(
                    name: "Plain",
                    redirectURIs: ["http://client.example/cb"],
                    scope: "profile",
                    ownerUserID: nil
                )
            }
            let (loopback, _) = try await store.createOAuth2Client(
                name: "Native",
                redirectURIs: ["http://127.0.0.1/cb"],
                scope: "profile",
                ownerUserID: nil
            )
            #expect(loopback.redirectURIs == ["http://127.0.0.1/cb"])
        }
    }
}
