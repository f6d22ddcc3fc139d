import Foundation
import GatehouseCommon
import Logging
import OAuth2
import OAuthStores
import SQLKit
import Testing

struct SQLStoreTests {
    @Test(arguments: TestDatabase.enabled)
    func migrationsAreIdempotent(database: TestDatabase) async throws {
        let store = try await database.open()
        defer { Task { try? await store.close() } }
        #expect(try await store.migrate() == [])
        #expect(try await store.migrate() == [])
    }

    /// SQLite commits concurrent writes together (group commit): a write that fails must fail alone,
    /// and every other write of its batch must still commit, once.
    @Test(arguments: TestDatabase.enabled)
    func aFailingWriteAmongConcurrentOnesFailsAlone(database: TestDatabase) async throws {
        struct Refused: Error {}
        let store = try await database.open()
        defer { Task { try? await store.close() } }
        let prefix = uniqueKey("batch")
        let outcomes = await withTaskGroup(of: Bool.self, returning: [Bool].self) { group in
            for index in 0..<64 {
                group.addTask {
                    do {
                        try await store.write { database in
                            try await database.raw(
                                "INSERT INTO gatehouse_cache (key, value, expires_at) VALUES (\(bind: "\(prefix)-\(index)"), 'v', NULL)"
                            ).run()
                            if index == 17 { throw Refused() }
                        }
                        return true
                    } catch {
                        return false
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { !$0 }.count == 1)
        let keys = try await store.read { database in
            try await database.raw("SELECT key FROM gatehouse_cache WHERE key LIKE \(bind: prefix + "-%")").all()
                .map { try $0.decode(column: "key", as: String.self) }
        }
        #expect(keys.count == 63)
        #expect(!keys.contains("\(prefix)-17"))
    }

    @Test func concurrentNodesMigratingOneSQLiteFileDoNothingHarmful() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-migrate-\(UUID().uuidString).sqlite").path
        let first = try await SQLStore.open(path)
        let second = try await SQLStore.open(path)
        async let a = first.migrate()
        async let b = second.migrate()
        let (appliedA, appliedB) = try await (a, b)
        #expect((appliedA + appliedB).sorted() == Schema.migrations.map(\.version))
        try await first.close()
        try await second.close()
    }

    @Test(.enabled(if: !TestDatabase.skipPostgres))
    func concurrentNodesMigratingOnePostgresDoNothingHarmful() async throws {
        guard let url = TestDatabase.postgresURL else { throw TestDatabase.MissingPostgres() }
        let first = try await SQLStore.open(url)
        let second = try await SQLStore.open(url)
        async let a = first.migrate()
        async let b = second.migrate()
        _ = try await (a, b)
        let count = try await first.read { database in
            // Gatehouse's own versions only: an application (DemoApp) adds its own from 1000 up.
            try await database.raw("SELECT COUNT(*) AS n FROM gatehouse_migrations WHERE version < 1000").first()?
                .decode(column: "n", as: Int.self)
        }
        #expect(count == Schema.migrations.count)
        try await first.close()
        try await second.close()
    }

    /// Token inserts are batched into one statement, run without an explicit transaction when
    /// alone: a row that breaks a constraint must fail alone, and the others must be stored once.
    @Test(arguments: TestDatabase.enabled)
    func aDuplicateTokenAmongConcurrentInsertsFailsAlone(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let (client, _) = try await StoreFixture.makeClient(store)
            let prefix = uniqueKey("token")
            let duplicate = "\(prefix)-dup"
            let grantID = uniqueKey("grant")
            let outcomes = await withTaskGroup(of: Bool.self, returning: [Bool].self) { group in
                for index in 0..<64 {
                    group.addTask {
                        let accessToken = index == 5 || index == 40 ? duplicate : "\(prefix)-\(index)"
                        let token = IssuedToken(accessToken: accessToken, expiresIn: 3600, grantID: grantID)
                        do {
                            try await store.insertOAuth2Token(token, clientID: client.clientID, userID: nil)
                            return true
                        } catch {
                            return false
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { !$0 }.count == 1)
            let stored = try await store.read { database in
                try await database.raw("SELECT COUNT(*) AS n FROM oauth2_tokens WHERE grant_id = \(bind: grantID)").first()?
                    .decode(column: "n", as: Int.self)
            }
            #expect(stored == 63)
            #expect(try await store.oauth2Token(accessToken: duplicate) != nil)
            #expect(try await store.oauth2Token(accessToken: "\(prefix)-63") != nil)
        }
    }

    /// Tokens without a user (client credentials) and tokens not revoked write no entry in the
    /// `user_id` and `revoked_at` indexes (migration 4), which both engines still use for look-ups.
    @Test(arguments: TestDatabase.enabled)
    func userAndRevocationIndexesArePartial(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let definitions = try await store.read { database in
                let query: SQLQueryString =
                    store.engine == .sqlite
                    ? "SELECT sql AS definition FROM sqlite_master WHERE name IN ('oauth2_tokens_user', 'oauth2_tokens_revoked')"
                    : "SELECT indexdef AS definition FROM pg_indexes WHERE indexname IN ('oauth2_tokens_user', 'oauth2_tokens_revoked')"
                return try await database.raw(query).all().map { try $0.decode(column: "definition", as: String.self) }
            }
            #expect(definitions.count == 2)
            for definition in definitions {
                #expect(definition.contains("WHERE"))
                #expect(definition.uppercased().contains("IS NOT NULL"))
            }
        }
    }

    @Test func sqliteRunsInWALMode() async throws {
        let store = try await TestDatabase.sqlite.open()
        let mode = try await store.read { database in
            try await database.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
        }
        #expect(mode == "wal")
        try await store.close()
    }

    @Test(arguments: TestDatabase.enabled)
    func failedWriteRollsBack(database: TestDatabase) async throws {
        let store = try await database.open()
        let key = uniqueKey("rollback")
        struct Abort: Error {}
        await #expect(throws: (any Error).self) {
            try await store.write { database in
                try await database.raw("INSERT INTO gatehouse_cache (key, value) VALUES (\(bind: key), 'x')").run()
                throw Abort()
            }
        }
        #expect(try await SQLCache(store: store).get(key) == nil)
        try await store.close()
    }

    @Test func malformedURLIsAStoreError() async throws {
        await #expect(throws: StoreError.self) { _ = try await SQLStore.open("postgres://") }
    }

    /// The connection attempt gives up instead of retrying forever (the time limit only fails a
    /// hung test).
    @Test(.timeLimit(.minutes(1)))
    func unreachablePostgresFailsWithStoreError() async throws {
        await #expect(throws: StoreError.self) {
            // The pool logs each failed attempt; keep the test output readable.
            var quiet = Logger(label: "test.unreachable")
            quiet.logLevel = .critical
            _ = try await SQLStore.open("postgres://nobody:secret@127.0.0.1:1/none?sslmode=disable", logger: quiet)
        }
    }
}

struct SQLCacheTests {
    @Test(arguments: TestDatabase.enabled)
    func storesReadsAndDeletes(database: TestDatabase) async throws {
        let store = try await database.open()
        let cache = SQLCache(store: store)
        let key = uniqueKey("cache")
        #expect(try await cache.get(key) == nil)
        try await cache.set(key, "one", expires: 60)
        #expect(try await cache.get(key) == "one")
        try await cache.set(key, "two", expires: nil)
        #expect(try await cache.get(key) == "two")
        try await cache.delete(key)
        #expect(try await cache.get(key) == nil)
        try await store.close()
    }

    @Test(arguments: TestDatabase.enabled)
    func expiredEntriesAreInvisibleAndPurged(database: TestDatabase) async throws {
        let time = ManualClock(Date())
        let store = try await database.open(clock: time.clock)
        let cache = SQLCache(store: store)
        let key = uniqueKey("expired")
        try await cache.set(key, "old", expires: 10)
        time.advance(by: 9)
        #expect(try await cache.get(key) == "old")
        time.advance(by: 1)
        #expect(try await cache.get(key) == nil)
        #expect(try await cache.purgeExpired() >= 1)
        let count = try await store.read { database in
            try await database.raw("SELECT COUNT(*) AS n FROM gatehouse_cache WHERE key = \(bind: key)").first()?.decode(
                column: "n",
                as: Int.self
            )
        }
        #expect(count == 0)
        try await store.close()
    }

    @Test(arguments: TestDatabase.enabled)
    func addIsAtomicUnderConcurrency(database: TestDatabase) async throws {
        let store = try await database.open()
        let cache = SQLCache(store: store)
        let key = uniqueKey("nonce")
        let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<40 {
                group.addTask { try await cache.add(key, "\(index)", expires: 300) }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(winners == 1)
        try await store.close()
    }

    @Test(arguments: TestDatabase.enabled)
    func addTakesOverAnExpiredEntry(database: TestDatabase) async throws {
        // An hour ahead of the wall clock: a parallel test's purge by real time (expiredEntriesAreInvisibleAndPurged
        // on the shared PostgreSQL database) must not take the "stale" entry before this test expires it.
        let time = ManualClock(Date().addingTimeInterval(3_600))
        let store = try await database.open(clock: time.clock)
        let key = uniqueKey("reuse")
        let cache = SQLCache(store: store)
        try await cache.set(key, "stale", expires: 1)
        #expect(try await !cache.add(key, "early", expires: 60))
        time.advance(by: 1)
        #expect(try await cache.add(key, "fresh", expires: 60))
        #expect(try await cache.get(key) == "fresh")
        #expect(try await !cache.add(key, "again", expires: 60))
        try await store.close()
    }
}
