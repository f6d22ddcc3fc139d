public import FoundationEssentials

/// The wall clock every time-based decision reads: token and code expiry, OAuth 1 timestamp
/// windows, cache lifetimes, throttle delays, purges.
///
/// One value is injected into servers, protectors, caches and stores (``system`` unless told
/// otherwise), so a test can move time with a ``ManualClock`` instead of sleeping, and all parts
/// of a deployment agree on what "now" is.
///
/// ```swift
/// let clock = ManualClock()
/// let cache = MemoryCache(clock: clock.clock)
/// clock.advance(by: 61)   // entries written with `expires: 60` are gone
/// ```
public struct WallClock: Sendable {
    private let read: @Sendable () -> Date

    /// The system's real-time clock (`Date()`).
    public static let system = WallClock { Date() }

    /// A clock that reads `now` each time the current date is asked for.
    ///
    /// - Parameter now: returns the current date; called often, so it must be cheap.
    public init(_ now: @escaping @Sendable () -> Date) {
        self.read = now
    }

    /// A clock stopped at `date`, for tests that need one fixed instant.
    public static func fixed(_ date: Date) -> WallClock {
        WallClock { date }
    }

    /// A clock stopped at `seconds` since 1970, for tests with fixed `oauth_timestamp` values.
    public static func fixed(secondsSince1970 seconds: Double) -> WallClock {
        fixed(Date(timeIntervalSince1970: seconds))
    }

    /// The current date.
    public var now: Date { read() }

    /// The current time in seconds since 1970, with fractions (the unit of `oauth_timestamp`).
    public var secondsSince1970: Double { read().timeIntervalSince1970 }

    /// The current time in whole seconds since 1970, rounded down (the unit of stored expiries).
    public var unixSeconds: Int {
        let seconds = read().timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite else { return 0 }
        return Int(clamping: Int64(max(min(seconds, 9.0e18), -9.0e18)))
    }
}
