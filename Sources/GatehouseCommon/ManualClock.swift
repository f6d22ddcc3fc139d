public import FoundationEssentials

/// A wall clock that moves only when told to, for tests of expiry, timestamp windows and
/// throttling that must not wait on real time.
///
/// Hand ``clock`` to whatever takes a ``WallClock``; every reader sees the time last set.
///
/// ```swift
/// let time = ManualClock()
/// let server = AuthorizationServer(configuration: .init(clock: time.clock), ...)
/// time.advance(by: 601)   // authorization codes issued before are now expired
/// ```
public final class ManualClock: Sendable {
    /// The default start: 2023-11-14 22:13:20 UTC (1,700,000,000 seconds since 1970), a fixed,
    /// recent instant so tests do not depend on the day they run.
    public static let defaultStart = Date(timeIntervalSince1970: 1_700_000_000)

    private let current: LockedValue<Date>

    /// Creates a clock showing `start`.
    ///
    /// - Parameter start: the first time read (default ``defaultStart``).
    public init(_ start: Date = ManualClock.defaultStart) {
        self.current = LockedValue(start)
    }

    /// Creates a clock showing `seconds` since 1970.
    public convenience init(secondsSince1970 seconds: Double) {
        self.init(Date(timeIntervalSince1970: seconds))
    }

    /// The time shown.
    public var now: Date { current.withLock { $0 } }

    /// The time shown, in seconds since 1970.
    public var secondsSince1970: Double { now.timeIntervalSince1970 }

    /// Moves the clock forward by `seconds` (backward when negative).
    public func advance(by seconds: Double) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// Moves the clock forward by whole `seconds` (backward when negative), the unit of token
    /// lifetimes and `Retry-After`.
    public func advance(by seconds: Int) {
        advance(by: Double(seconds))
    }

    /// Moves the clock forward by `duration` (backward when negative).
    public func advance(by duration: Duration) {
        advance(by: duration.inSeconds)
    }

    /// Shows `date` from now on.
    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }

    /// A ``WallClock`` reading this clock.
    public var clock: WallClock {
        WallClock { [self] in self.now }
    }
}
