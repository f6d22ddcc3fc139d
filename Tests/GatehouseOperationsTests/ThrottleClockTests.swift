import GatehouseCommon
import GatehouseOperations
import Testing

struct ThrottleClockTests {
    @Test func throttleDelaysEndOnTheManualClock() async throws {
        let time = ManualClock()
        let rules = Throttle.Rules(
            perAddress: ThrottlePolicy(freeFailures: 100, maxDelay: 900),
            perAccount: ThrottlePolicy(freeFailures: 1, baseDelay: 4, maxDelay: 60)
        )
        let throttle = Throttle(name: "clock-test", rules: rules, clock: time.clock)
        try await throttle.recordFailure(account: "alice", address: nil)
        try await throttle.recordFailure(account: "alice", address: nil)
        #expect(try await throttle.retryAfter(account: "alice", address: nil) == 4)
        time.advance(by: 3)
        #expect(try await throttle.retryAfter(account: "alice", address: nil) == 1)
        time.advance(by: 1)
        #expect(try await throttle.retryAfter(account: "alice", address: nil) == nil)
    }
}
