import GatehouseCommon
import GatehouseOperations
import OAuth2
import OAuthTestSupport
import Testing

/// RFC 6749 §4.3.2: the authorization server MUST protect the password grant against brute force.
struct PasswordThrottleTests {
    let store = AuthorizationServerFixture.makeStore()

    func server(rules: Throttle.Rules = .standard, clock: ManualClock) -> AuthorizationServer {
        var configuration = AuthorizationServer.Configuration(clock: clock.clock)
        configuration.passwordThrottle = Throttle(name: "password", rules: rules, clock: clock.clock)
        return makeAuthorizationServer(store: store, configuration: configuration)
    }

    static func attempt(password: String, user: String = "alice", from address: String = "198.51.100.7") -> OAuth2Request {
        var request = Fixture.token([("grant_type", "password"), ("username", user), ("password", password)])
        request.clientAddress = address
        return request
    }

    @Test func afterTheFreeFailuresEvenTheRightPasswordWaitsWith429AndRetryAfter() async throws {
        let clock = ManualClock(secondsSince1970: 1_800_000_000)
        let server = server(clock: clock)
        for _ in 0..<10 {
            #expect(await server.createTokenResponse(Self.attempt(password: "guess")).errorCode == "invalid_grant")
        }
        // The 11th failure starts the account's back-off.
        #expect(await server.createTokenResponse(Self.attempt(password: "guess")).errorCode == "invalid_grant")
        let blocked = await server.createTokenResponse(Self.attempt(password: "wonderland"))
        #expect(blocked.status == 429)
        #expect(blocked.errorCode == "temporarily_unavailable")
        #expect(blocked.header("Retry-After") == "1")
        #expect(blocked.header("Cache-Control") == "no-store")

        clock.advance(by: 1)
        #expect(await server.createTokenResponse(Self.attempt(password: "wonderland")).status == 200)
    }

    @Test func theWaitDoublesWithEachFailureUpToTheAccountCap() async throws {
        let clock = ManualClock(secondsSince1970: 1_800_000_000)
        let server = server(clock: clock)
        var waits: [String] = []
        // Every guess from a new address: only the account's count matters.
        for attempt in 0..<30 {
            let response = await server.createTokenResponse(Self.attempt(password: "guess", from: "203.0.113.\(attempt)"))
            if response.status == 429 {
                waits.append(response.header("Retry-After") ?? "")
                clock.advance(by: Int(response.header("Retry-After") ?? "1") ?? 1)
            } else {
                #expect(response.errorCode == "invalid_grant")
            }
        }
        #expect(waits == ["1", "2", "4", "8", "16", "32", "60", "60", "60", "60"])
    }

    @Test func oneAddressCannotLockTheUserOutForLong() async throws {
        let clock = ManualClock(secondsSince1970: 1_800_000_000)
        let server = server(clock: clock)
        // The attacker keeps guessing from one address whenever allowed.
        for _ in 0..<200 {
            let response = await server.createTokenResponse(Self.attempt(password: "guess"))
            if response.status == 429 { clock.advance(by: Int(response.header("Retry-After") ?? "1") ?? 1) }
        }
        // Right after the attacker's latest failure, their address waits the longest (15 minutes)...
        while await server.createTokenResponse(Self.attempt(password: "guess")).status == 429 { clock.advance(by: 900) }
        let attacker = await server.createTokenResponse(Self.attempt(password: "guess"))
        #expect(attacker.status == 429)
        #expect(Int(attacker.header("Retry-After") ?? "0") ?? 0 > 60)
        // ...while the user, from their own address, waits a minute at most.
        let user = await server.createTokenResponse(Self.attempt(password: "wonderland", from: "192.0.2.1"))
        if user.status == 429 {
            #expect(Int(user.header("Retry-After") ?? "999") ?? 999 <= 60)
            clock.advance(by: 60)
        }
        #expect(await server.createTokenResponse(Self.attempt(password: "wonderland", from: "192.0.2.1")).status == 200)
    }

    @Test func oneAddressGuessingManyAccountsIsThrottledToo() async throws {
        let clock = ManualClock(secondsSince1970: 1_800_000_000)
        let server = server(clock: clock)
        var statuses: [Int] = []
        for account in 0..<25 {
            statuses.append(await server.createTokenResponse(Self.attempt(password: "guess", user: "user\(account)")).status.code)
        }
        #expect(statuses.prefix(20).allSatisfy { $0 == 400 })
        #expect(statuses.suffix(4).contains(429))
    }

    @Test func aSuccessForgetsTheAccountsFailures() async throws {
        let clock = ManualClock(secondsSince1970: 1_800_000_000)
        let rules = Throttle.Rules(
            perAddress: ThrottlePolicy(freeFailures: 100, maxDelay: 900),
            perAccount: ThrottlePolicy(freeFailures: 3, maxDelay: 60)
        )
        let server = server(rules: rules, clock: clock)
        for _ in 0..<3 { _ = await server.createTokenResponse(Self.attempt(password: "guess")) }
        #expect(await server.createTokenResponse(Self.attempt(password: "wonderland")).status == 200)
        for _ in 0..<3 { _ = await server.createTokenResponse(Self.attempt(password: "guess")) }
        #expect(await server.createTokenResponse(Self.attempt(password: "wonderland")).status == 200)
    }

    @Test func failuresAreForgottenAfterAnHour() async throws {
        let clock = ManualClock(secondsSince1970: 1_800_000_000)
        let server = server(clock: clock)
        for _ in 0..<11 { _ = await server.createTokenResponse(Self.attempt(password: "guess")) }
        clock.advance(by: 3600)
        // Counting starts over: ten free failures again.
        for _ in 0..<10 {
            #expect(await server.createTokenResponse(Self.attempt(password: "guess")).errorCode == "invalid_grant")
        }
    }

    @Test func thePolicyDoublesAndCaps() {
        let policy = ThrottlePolicy(freeFailures: 2, baseDelay: 3, maxDelay: 20)
        #expect((1...7).map(policy.delay(afterFailures:)) == [0, 0, 3, 6, 12, 20, 20])
        #expect(policy.delay(afterFailures: Int.max) == 20)
        #expect(policy.forgetAfter >= policy.maxDelay)
    }
}
