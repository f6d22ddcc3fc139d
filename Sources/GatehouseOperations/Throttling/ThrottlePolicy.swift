public import GatehouseCommon

/// How failed attempts under one key slow further attempts down: a few free failures, then an
/// exponential back-off (`baseDelay`, doubled per further failure, at most `maxDelay`), all
/// forgotten `forgetAfter` seconds after the last failure.
///
/// ```swift
/// ThrottlePolicy(freeFailures: 10, baseDelay: 1, maxDelay: 60, forgetAfter: 3600)
/// ```
public struct ThrottlePolicy: Sendable, Hashable {
    /// Failures allowed before any delay.
    public var freeFailures: Int
    /// Seconds of the first delay.
    public var baseDelay: Int
    /// The longest delay in seconds.
    public var maxDelay: Int
    /// Seconds after the last failure when the count starts over.
    public var forgetAfter: Int

    /// Creates a policy; values are clamped to sensible ranges (at least one free failure, delays of
    /// at least one second, a memory at least as long as the longest delay).
    public init(freeFailures: Int, baseDelay: Int = 1, maxDelay: Int, forgetAfter: Int = 3600) {
        self.freeFailures = max(1, freeFailures)
        self.baseDelay = max(1, baseDelay)
        self.maxDelay = max(self.baseDelay, maxDelay)
        self.forgetAfter = max(self.maxDelay, forgetAfter)
    }

    /// Seconds to wait after the `failures`-th failure: 0 while within ``freeFailures``, then
    /// `baseDelay · 2^(failures − freeFailures − 1)`, at most ``maxDelay``.
    public func delay(afterFailures failures: Int) -> Int {
        guard failures > freeFailures else { return 0 }
        let doublings = min(failures - freeFailures - 1, 30)
        let (delay, overflow) = baseDelay.multipliedReportingOverflow(by: 1 << doublings)
        return overflow ? maxDelay : min(delay, maxDelay)
    }
}
