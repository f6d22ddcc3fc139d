import Foundation
import GatehouseCommon
import GatehouseJOSE
import JWTKit
import OAuthStores
import SQLKit
import Testing

/// The provider's signing keys in `oauth2_signing_keys`: sealed at rest, one current key per
/// algorithm across nodes, rotation keeping the previous key verifying until its overlap ends.
///
/// The table is one per database (the keys of the provider), so each test has a database of its
/// own: a new SQLite file, or a new PostgreSQL database (keys sealed by these tests' secret must not
/// reach the shared test database that DemoApp nodes start on).
struct SigningKeyStoreTests {
    static let sealer = SecretSealer(secret: "the site's SECRET_KEY for the key store tests", purpose: "signing keys")

    struct Claims: JWTPayload, Equatable {
        var sub: String
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    @Test(arguments: TestDatabase.enabled)
    func firstStartMakesOneKeyPerAlgorithmSealedAtRest(database: TestDatabase) async throws {
        try await database.withStore(isolated: true) { store throws in
            let created = try await store.ensureSigningKeys([.es256, .edDSA], sealer: Self.sealer)
            #expect(Set(created.map(\.algorithm)) == [.es256, .edDSA])
            #expect(try await store.ensureSigningKeys([.es256, .edDSA], sealer: Self.sealer).isEmpty, "idempotent")
            let (current, retiring) = try await store.signingKeys(sealer: Self.sealer)
            #expect(Set(current) == Set(created) && retiring.isEmpty)

            let stored = try await store.read { database in
                try await database.raw("SELECT private_key FROM oauth2_signing_keys").all().map {
                    try $0.decode(column: "private_key", as: String.self)
                }
            }
            #expect(stored.count == 2 && stored.allSatisfy { $0.hasPrefix("v1.") && !$0.contains("PRIVATE KEY") })
            let otherSecret = SecretSealer(secret: "another secret, equally long, for this test", purpose: "signing keys")
            await #expect(throws: SecretSealer.OpenFailed.self) { try await store.signingKeys(sealer: otherSecret) }
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func twoNodesStartingTogetherAgreeOnOneCurrentKey(database: TestDatabase) async throws {
        try await database.withTwoNodes(isolated: true) { nodeA, nodeB throws in
            async let a = nodeA.ensureSigningKeys([.es256], sealer: Self.sealer)
            async let b = nodeB.ensureSigningKeys([.es256], sealer: Self.sealer)
            let made = try await a.count + b.count
            #expect(made >= 1)
            let seenByA = try await nodeA.signingKeys(sealer: Self.sealer).current
            let seenByB = try await nodeB.signingKeys(sealer: Self.sealer).current
            #expect(seenByA.count == 1 && seenByA == seenByB)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func rotationKeepsThePreviousKeyVerifyingUntilItsOverlapEnds(database: TestDatabase) async throws {
        let time = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        try await database.withStore(isolated: true, clock: time.clock) { store throws in
            let first = try #require(try await store.ensureSigningKeys([.es256], sealer: Self.sealer).first)
            let signedBefore = try await store.keySet(sealer: Self.sealer).sign(Claims(sub: "alice"), algorithm: .es256)

            let second = try await store.rotateSigningKey(.es256, retireAfter: 3_600, sealer: Self.sealer)
            let during = try await store.keySet(sealer: Self.sealer)
            #expect(during.current[.es256] == second && during.retiring == [first])
            #expect(try await during.verify(signedBefore, as: Claims.self) == Claims(sub: "alice"))
            #expect(try JOSEHeader(compact: try await during.sign(Claims(sub: "bob"), algorithm: .es256)).kid == second.kid)
            let published = try #require(try JSONSerialization.jsonObject(with: Data(during.jwksJSON)) as? [String: [[String: String]]])
            #expect(Set(published["keys"]?.compactMap { $0["kid"] } ?? []) == [first.kid, second.kid])

            time.advance(by: .seconds(3_601))
            let after = try await store.keySet(sealer: Self.sealer)
            #expect(after.current[.es256] == second && after.retiring.isEmpty)
            await #expect(throws: KeySet.Failure.unknownKey(first.kid)) { try await after.verify(signedBefore, as: Claims.self) }
        }
    }
}

extension SigningKeyStoreTests {
    @Test(arguments: TestDatabase.enabled)
    func aRunningServerSignsWithARotatedKeyWithinItsRefreshInterval(database: TestDatabase) async throws {
        let time = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        try await database.withStore(isolated: true, clock: time.clock) { store throws in
            let source = SQLKeySetSource(store: store, sealer: Self.sealer, algorithms: [.es256], refreshInterval: .seconds(60))
            try await source.prepare()
            let first = try #require(try await source.keySet().current[.es256])
            let rotated = try await store.rotateSigningKey(.es256, retireAfter: 86_400, sealer: Self.sealer)  // another node, say
            #expect(try await source.keySet().current[.es256] == first, "still the set read less than 60 s ago")
            time.advance(by: .seconds(61))
            let refreshed = try await source.keySet()
            #expect(refreshed.current[.es256] == rotated && refreshed.retiring == [first])
        }
    }
}
