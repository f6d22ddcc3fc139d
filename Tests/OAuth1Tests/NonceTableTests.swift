import GatehouseCommon
import OAuth1
import OAuthTestSupport
import Testing

struct NonceTableTests {
    static func use(_ nonce: String, at timestamp: Int, client: String = "c", token: String? = "t") -> TimestampNonce {
        TimestampNonce(nonce: nonce, timestamp: String(timestamp), clientID: client, oauthToken: token)
    }

    @Test func aNonceIsAcceptedOnceForTheSameTimestampClientAndToken() {
        let table = NonceTable(clock: .fixed(secondsSince1970: 1_700_000_000))
        #expect(!table.exists(Self.use("n", at: 1_700_000_000)))
        #expect(table.exists(Self.use("n", at: 1_700_000_000)))
        // The same nonce with another timestamp, client or token is another use (RFC 5849 §3.3).
        #expect(!table.exists(Self.use("n", at: 1_700_000_001)))
        #expect(!table.exists(Self.use("n", at: 1_700_000_000, client: "other")))
        #expect(!table.exists(Self.use("n", at: 1_700_000_000, token: "other")))
        #expect(!table.exists(Self.use("n", at: 1_700_000_000, token: nil)))
        #expect(table.exists(Self.use("n", at: 1_700_000_000, token: nil)))
        #expect(table.count == 5)
    }

    @Test func secondsThatLeftTheWindowAreDropped() {
        let clock = ManualClock(secondsSince1970: 1_700_000_000)
        let table = NonceTable(timestampWindow: 300, clock: clock.clock)
        #expect(!table.exists(Self.use("old", at: 1_700_000_000)))
        clock.advance(by: 200)
        #expect(!table.exists(Self.use("newer", at: 1_700_000_200)))
        // Still inside the window: remembered.
        #expect(table.exists(Self.use("old", at: 1_700_000_000)))
        clock.advance(by: 200)
        // The first second is now more than the window behind the clock: the protector refuses its
        // timestamp before asking, and the table has let it go.
        #expect(!table.exists(Self.use("fresh", at: 1_700_000_400)))
        #expect(table.count == 2)
        #expect(table.exists(Self.use("newer", at: 1_700_000_200)))
    }

    @Test func aFullTableDropsItsOldestSecondsFirst() {
        let table = NonceTable(capacity: 3, clock: .fixed(secondsSince1970: 1_700_000_010))
        #expect(!table.exists(Self.use("a", at: 1_700_000_000)))
        #expect(!table.exists(Self.use("b", at: 1_700_000_005)))
        #expect(!table.exists(Self.use("c", at: 1_700_000_005)))
        // A fourth use: the oldest second goes, so "a" would now pass again (the documented cost of a
        // table too small for the request rate).
        #expect(!table.exists(Self.use("d", at: 1_700_000_010)))
        #expect(table.count == 3)
        #expect(table.exists(Self.use("d", at: 1_700_000_010)))
        #expect(table.exists(Self.use("b", at: 1_700_000_005)))
        #expect(!table.exists(Self.use("a", at: 1_700_000_000)))
        // Recording "a" again drops the oldest other second (b, c), never the one being recorded.
        #expect(table.count == 2)
        #expect(table.exists(Self.use("a", at: 1_700_000_000)))
    }

    @Test func concurrentReplaysPassOnlyOnce() async {
        let table = NonceTable(clock: .fixed(secondsSince1970: 1_700_000_000))
        let exists = createExistsNonceFunc(table)
        let fresh = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<50 { group.addTask { (try? await !exists(Self.use("n", at: 1_700_000_000))) ?? false } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(fresh == 1)
    }

    @Test func protectorWithANonceTableRefusesAReplay() async throws {
        let table = NonceTable(clock: Fixtures.clock)
        let (protector, _) = try ResourceProtectorTests.makeProtector(existsNonce: createExistsNonceFunc(table))
        let request = try ResourceProtectorTests.signedRequest(nonce: "once")
        _ = try await protector.validateRequest(request)
        let error = await #expect(throws: OAuth1Error.self) { try await protector.validateRequest(request) }
        #expect(error?.code == .invalidNonce)
        #expect(table.count == 1)
    }
}
