import FoundationEssentials
import GatehouseCommon
import Testing

struct WallClockTests {
    @Test func systemClockReadsTheCurrentDate() {
        let before = Date()
        let now = WallClock.system.now
        let after = Date()
        #expect(before <= now && now <= after)
    }

    @Test func fixedClockAlwaysShowsItsDateInEveryUnit() {
        let clock = WallClock.fixed(secondsSince1970: 1_700_000_000.75)
        #expect(clock.now == Date(timeIntervalSince1970: 1_700_000_000.75))
        #expect(clock.secondsSince1970 == 1_700_000_000.75)
        #expect(clock.unixSeconds == 1_700_000_000)
    }

    @Test func unixSecondsRoundDownBefore1970Too() {
        #expect(WallClock.fixed(secondsSince1970: -0.5).unixSeconds == -1)
    }

    @Test func manualClockMovesOnlyWhenTold() {
        let time = ManualClock()
        let clock = time.clock
        #expect(clock.now == ManualClock.defaultStart)
        #expect(clock.now == clock.now)
        time.advance(by: 1.5)
        #expect(clock.secondsSince1970 == 1_700_000_001.5)
        time.advance(by: 10)
        #expect(clock.unixSeconds == 1_700_000_011)
        time.advance(by: .milliseconds(500))
        #expect(time.secondsSince1970 == 1_700_000_012)
        time.advance(by: -12)
        #expect(clock.now == ManualClock.defaultStart)
        time.set(Date(timeIntervalSince1970: 42))
        #expect(clock.unixSeconds == 42)
    }
}
