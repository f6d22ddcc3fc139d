public import GatehouseCommon
import Logging

/// Brute-force protection for one kind of secret a person or client guesses: passwords at a login
/// form or the password grant (RFC 6749 §4.3.2, §10.10 MUST), OAuth 1 verifiers, device user codes
/// (RFC 8628 §5.1).
///
/// Failures are counted per account and per client address in a ``FailureCounter`` (shared by every
/// node when it is the SQL one). After a policy's free failures each further failure doubles the
/// wait, and an attempt made while waiting is refused before the secret is even checked, so the
/// answer is the same whether the guess is right or wrong. The caller answers `429 Too Many
/// Requests` with `Retry-After` (`OAuth1Error.throttled(retryAfter:)`, `OAuth2Error.throttled`).
///
/// The per-account delay is capped low (``Rules/standard``: one minute) and the per-address one high
/// (15 minutes), so one address cannot lock a user out: it is slowed to a few guesses an hour long
/// before the account's own delay matters, and that delay never exceeds a minute. A success resets
/// the account's count (not the address's: an attacker could reset it by logging into an account of
/// their own).
///
/// ```swift
/// let throttle = Throttle(name: "password", counter: store.failureCounter())
/// if let wait = try await throttle.retryAfter(account: username, address: request.clientAddress) {
///     throw OAuth2Error.throttled(retryAfter: wait)
/// }
/// ```
public struct Throttle: Sendable {
    /// The policies per account and per client address.
    public struct Rules: Sendable, Hashable {
        /// Failures counted per client address, over every account.
        public var perAddress: ThrottlePolicy
        /// Failures counted per account, over every address.
        public var perAccount: ThrottlePolicy

        /// Creates rules.
        public init(perAddress: ThrottlePolicy, perAccount: ThrottlePolicy) {
            self.perAddress = perAddress
            self.perAccount = perAccount
        }

        /// 20 free failures per address, then 1 s doubling to 15 minutes; 10 per account, then 1 s
        /// doubling to one minute; forgotten an hour after the last failure.
        public static let standard = Rules(
            perAddress: ThrottlePolicy(freeFailures: 20, baseDelay: 1, maxDelay: 900, forgetAfter: 3600),
            perAccount: ThrottlePolicy(freeFailures: 10, baseDelay: 1, maxDelay: 60, forgetAfter: 3600)
        )
    }

    /// What is being guessed (`password`, `oauth1_verifier`, ...): the prefix of every counter key,
    /// so each kind counts apart, and the `kind` of audit events.
    public let name: String
    /// Where failures are counted.
    public let counter: any FailureCounter
    /// The policies.
    public let rules: Rules
    /// The wall clock failures are timed by; tests pass a ``/GatehouseCommon/ManualClock``.
    public let clock: WallClock
    /// Where a refused attempt is recorded (``AuditEvent/throttled``).
    public let audit: Audit

    /// Creates a throttle.
    ///
    /// - Parameters:
    ///   - name: what is guessed; throttles with the same name and counter count together.
    ///   - counter: where failures are counted (default: in this process's memory).
    ///   - rules: the policies (default ``Rules/standard``).
    ///   - clock: the wall clock (default ``/GatehouseCommon/WallClock/system``).
    ///   - audit: where refused attempts are recorded (default ``Audit/shared``).
    public init(
        name: String,
        counter: any FailureCounter = MemoryFailureCounter(),
        rules: Rules = .standard,
        clock: WallClock = .system,
        audit: Audit = .shared
    ) {
        self.name = name
        self.counter = counter
        self.rules = rules
        self.clock = clock
        self.audit = audit
    }

    /// Seconds to wait before the next attempt may be checked, or `nil` when it may go ahead. A
    /// refusal is recorded as an audit event (`throttled`, with the kind, account and address).
    ///
    /// - Parameters:
    ///   - account: the user name or client the guess is for, when known.
    ///   - address: the client address, when known.
    public func retryAfter(account: String?, address: String?) async throws -> Int? {
        let keys = keys(account: account, address: address)
        guard !keys.isEmpty else { return nil }
        let now = clock.unixSeconds
        let records = try await counter.records(keys.map(\.key), now: now)
        var wait = 0
        for (key, policy) in keys {
            guard let record = records[key] else { continue }
            wait = max(wait, record.lastFailure + policy.delay(afterFailures: record.count) - now)
        }
        guard wait > 0 else { return nil }
        audit.record(
            .throttled,
            metadata: [
                "kind": .string(name), "account": .string(account ?? ""), "address": .string(address ?? ""),
                "retry_after": .stringConvertible(wait),
            ]
        )
        return wait
    }

    /// Counts a failed guess for the account and the address.
    ///
    /// - Returns: seconds the next attempt must wait (0 when it need not).
    @discardableResult
    public func recordFailure(account: String?, address: String?) async throws -> Int {
        let now = clock.unixSeconds
        var wait = 0
        for (key, policy) in keys(account: account, address: address) {
            let record = try await counter.recordFailure(key, now: now, forgetAfter: policy.forgetAfter)
            wait = max(wait, policy.delay(afterFailures: record.count))
        }
        return wait
    }

    /// Forgets the account's failures after a successful guess (the address keeps its count).
    public func recordSuccess(account: String?) async throws {
        guard let account, !account.isEmpty else { return }
        try await counter.reset(key(.account, account))
    }

    private enum Scope: String { case account, address }

    private func key(_ scope: Scope, _ value: String) -> String {
        "\(name):\(scope.rawValue):\(value)"
    }

    private func keys(account: String?, address: String?) -> [(key: String, policy: ThrottlePolicy)] {
        var keys: [(key: String, policy: ThrottlePolicy)] = []
        if let account, !account.isEmpty { keys.append((key(.account, account), rules.perAccount)) }
        if let address, !address.isEmpty { keys.append((key(.address, address), rules.perAddress)) }
        return keys
    }
}
