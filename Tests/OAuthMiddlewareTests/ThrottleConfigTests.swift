import HTTPCore
import OAuthMiddleware
import Testing

/// The `GATEHOUSE_THROTTLE_*` keys become the throttle's rules.
struct ThrottleConfigTests {
    @Test func keysSetTheRulesAndTheRestStayStandard() throws {
        let rules = try Throttle.Rules(
            config: Config([
                "GATEHOUSE_THROTTLE_FAILURES_PER_ACCOUNT": 3,
                "GATEHOUSE_THROTTLE_BASE_DELAY": 5,
                "GATEHOUSE_THROTTLE_MAX_DELAY_PER_ADDRESS": 120,
            ])
        )
        #expect(rules.perAccount.freeFailures == 3)
        #expect(rules.perAccount.baseDelay == 5)
        #expect(rules.perAddress.baseDelay == 5)
        #expect(rules.perAddress.maxDelay == 120)
        #expect(rules.perAddress.freeFailures == Throttle.Rules.standard.perAddress.freeFailures)
        #expect(rules.perAccount.maxDelay == Throttle.Rules.standard.perAccount.maxDelay)
        // The first wait after the free failures is the base delay, then it doubles.
        #expect(rules.perAccount.delay(afterFailures: 4) == 5)
        #expect(rules.perAccount.delay(afterFailures: 5) == 10)
    }

    @Test(arguments: ["GATEHOUSE_THROTTLE_BASE_DELAY", "GATEHOUSE_THROTTLE_FAILURES_PER_ACCOUNT"])
    func aNonPositiveValueThrowsNamingTheKey(key: String) {
        let error = #expect(throws: ConfigError.self) { try Throttle.Rules(config: Config([key: 0])) }
        #expect(error?.key == key)
    }
}
