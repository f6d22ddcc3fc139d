import Foundation
import GatehouseCommon
import Logging
import OAuth1
import OAuth2
import OAuthStores
import OAuthTestSupport
import SQLKit
import ServiceLifecycle
import Testing

struct PurgeTests {
    /// Seeds one expired and one live row of each kind for a fresh client; returns the client id.
    static func seed(_ store: SQLStore, now: Date) async throws -> (clientID: String, live: [String: String], dead: [String: String]) {
        let (client, _) = try await StoreFixture.makeClient(store)
        let grant = store.authorizationCodeGrant()
        var live: [String: String] = [:]
        var dead: [String: String] = [:]

        let request = GrantRequest(
            request: .formPost(StoreFixture.tokenURI, []),
            client: client,
            grantType: .authorizationCode,
            user: OAuth2UserReference(userID: uniqueKey("user")),
            scope: "profile"
        )
        dead["code"] = uniqueKey("dead-code")
        live["code"] = uniqueKey("live-code")
        try await grant.saveAuthorizationCode(try #require(dead["code"]), request: request, expiresAt: now.addingTimeInterval(-1))
        try await grant.saveAuthorizationCode(try #require(live["code"]), request: request, expiresAt: now.addingTimeInterval(600))

        let longAgo = now.addingTimeInterval(-30 * 86_400)
        dead["token"] = uniqueKey("dead-token")
        live["token"] = uniqueKey("live-token")
        live["refreshable"] = uniqueKey("refreshable-token")
        try await store.insertOAuth2Token(
            IssuedToken(accessToken: try #require(dead["token"]), expiresIn: 3600, issuedAt: longAgo, grantID: uniqueKey("g")),
            clientID: client.clientID,
            userID: nil
        )
        try await store.insertOAuth2Token(
            IssuedToken(accessToken: try #require(live["token"]), expiresIn: 3600, issuedAt: now, grantID: uniqueKey("g")),
            clientID: client.clientID,
            userID: nil
        )
        // Access token long expired, but its refresh token still works: kept.
        try await store.insertOAuth2Token(
            IssuedToken(
                accessToken: try #require(live["refreshable"]),
                expiresIn: 3600,
                refreshToken: uniqueKey("refresh"),
                issuedAt: longAgo,
                grantID: uniqueKey("g")
            ),
            clientID: client.clientID,
            userID: "u"
        )

        dead["nonce"] = uniqueKey("dead-nonce")
        live["nonce"] = uniqueKey("live-nonce")
        _ = try await store.existsNonce(
            TimestampNonce(nonce: try #require(dead["nonce"]), timestamp: "1", clientID: client.clientID, oauthToken: nil),
            expires: -1
        )
        _ = try await store.existsNonce(
            TimestampNonce(nonce: try #require(live["nonce"]), timestamp: "1", clientID: client.clientID, oauthToken: nil),
            expires: 600
        )

        dead["cache"] = uniqueKey("dead-cache")
        live["cache"] = uniqueKey("live-cache")
        try await SQLCache(store: store, clock: .fixed(now.addingTimeInterval(-100))).set(try #require(dead["cache"]), "x", expires: 10)
        try await SQLCache(store: store).set(try #require(live["cache"]), "x", expires: 600)
        return (client.clientID, live, dead)
    }

    static func exists(_ store: SQLStore, kind: String, _ value: String) async throws -> Bool {
        switch kind {
        case "code": try await rawRowCount(store, table: "oauth2_codes", where: "code_digest", sha256Hex(value)) == 1
        case "token", "refreshable":
            try await rawRowCount(store, table: "oauth2_tokens", where: "access_token_digest", storedTokenKey(value)) == 1
        case "nonce": try await rawRowCount(store, table: "oauth1_nonces", where: "nonce", value) == 1
        default: try await rawRowCount(store, table: "gatehouse_cache", where: "key", value) == 1
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func purgeDeletesExpiredRowsAndKeepsLiveOnes(database: TestDatabase) async throws {
        // One fixed instant for the seeding and the purge: the nonce's expiry is written from the
        // store's clock, and a slow run (the thread sanitizer's) must not move it past `now`.
        let now = Date()
        try await database.withStore(isolated: true, clock: .fixed(now)) { store throws in
            let (_, live, dead) = try await Self.seed(store, now: now)
            let report = try await store.purgeExpired(now: now, batchSize: 2)
            #expect(report == PurgeReport(authorizationCodes: 1, nonces: 1, cacheEntries: 1, tokens: 1))
            for (kind, value) in dead { #expect(try await !Self.exists(store, kind: kind, value), "\(kind) should be purged") }
            for (kind, value) in live { #expect(try await Self.exists(store, kind: kind, value), "\(kind) should be kept") }
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func purgeWorksThroughManyBatches(database: TestDatabase) async throws {
        try await database.withStore(isolated: true) { store throws in
            for index in 0..<7 {
                let nonce = TimestampNonce(nonce: "n\(index)", timestamp: "1", clientID: "c", oauthToken: nil)
                #expect(try await !store.existsNonce(nonce, expires: -1))
            }
            #expect(try await store.purgeExpired(batchSize: 3).nonces == 7)
            #expect(try await store.purgeExpired(batchSize: 3).total == 0)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func usedCodesAndRotatedTokensAreKeptForReuseDetectionUntilTheyExpire(database: TestDatabase) async throws {
        try await database.withStore(isolated: true) { store throws in
            let server = StoreFixture.makeServer(store)
            let (client, secret) = try await StoreFixture.makeClient(store)
            let code = try await StoreFixture.authorize(server, clientID: client.clientID, userID: uniqueKey("user"))
            let tokens = await StoreFixture.exchange(server, code: code, clientID: client.clientID, secret: secret)
            let refreshToken = try #require(tokens.string("refresh_token"))
            #expect(await StoreFixture.refresh(server, refreshToken: refreshToken, clientID: client.clientID, secret: secret).status == 200)
            try await store.purgeExpired()
            #expect(try await store.authorizationCodeGrant().queryAuthorizationCode(code, client: client)?.isUsed == true)
            #expect(try await store.oauth2Token(refreshToken: refreshToken)?.isRefreshTokenRotated == true)
            // Past the retention period both go.
            try await store.purgeExpired(now: Date().addingTimeInterval(8 * 86_400))
            #expect(try await store.authorizationCodeGrant().queryAuthorizationCode(code, client: client) == nil)
            #expect(try await store.oauth2Token(refreshToken: refreshToken) == nil)
        }
    }

    /// Polls until the service has purged (the time limit only fails a hung test).
    @Test(.timeLimit(.minutes(1)), arguments: TestDatabase.enabled)
    func purgeServiceRunsAndStopsOnGracefulShutdown(database: TestDatabase) async throws {
        try await database.withStore(isolated: true) { store throws in
            let now = Date()
            let (_, live, dead) = try await Self.seed(store, now: now)
            let service = PurgeService(store: store, interval: .milliseconds(50))
            let group = ServiceGroup(services: [service], logger: Logger(label: "test"))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var purged = false
                while !purged {
                    try await Task.sleep(for: .milliseconds(50))
                    purged = try await !Self.exists(store, kind: "code", try #require(dead["code"]))
                }
                #expect(purged)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            for (kind, value) in live { #expect(try await Self.exists(store, kind: kind, value), "\(kind) should be kept") }
        }
    }
}
