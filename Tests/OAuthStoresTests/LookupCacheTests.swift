import FoundationEssentials
import GatehouseCommon
import OAuthStores
import Testing

/// ``LookupCache`` judges its entries' lifetime with the wall clock it is given.
struct LookupCacheTests {
    @Test func anEntryIsServedUntilItsLifetimePassesOnTheClock() {
        let time = ManualClock()
        let cache = LookupCache<String, Int>(lifetime: .seconds(5), capacity: 10, clock: time.clock)
        cache.store(1, for: "a", epoch: 0)
        time.advance(by: .milliseconds(4_999))
        #expect(cache.value(for: "a", epoch: 0) == 1)
        time.advance(by: .milliseconds(1))
        #expect(cache.value(for: "a", epoch: 0) == nil)
        #expect(cache.count == 0)
    }

    @Test func anEntryOfAnOlderEpochIsDroppedAtOnce() {
        let cache = LookupCache<String, Int>(lifetime: .seconds(60), capacity: 10, clock: ManualClock().clock)
        cache.store(1, for: "a", epoch: 0)
        #expect(cache.value(for: "a", epoch: 1) == nil)
    }

    @Test func aFullCacheDropsExpiredEntriesFirst() {
        let time = ManualClock()
        let cache = LookupCache<Int, Int>(lifetime: .seconds(1), capacity: 3, clock: time.clock)
        cache.store(1, for: 1, epoch: 0)
        cache.store(2, for: 2, epoch: 0)
        time.advance(by: 1)
        cache.store(3, for: 3, epoch: 0)
        cache.store(4, for: 4, epoch: 0)
        // The two expired entries made room: both live ones stay.
        #expect(cache.count == 2)
        #expect(cache.value(for: 3, epoch: 0) == 3)
        #expect(cache.value(for: 4, epoch: 0) == 4)
    }

    @Test func theStoresCachesUseTheStoresClock() async throws {
        let time = ManualClock(Date())
        try await TestDatabase.sqlite.withStore(clock: time.clock) { store throws in
            #expect(store.clock.now == time.now)
            time.advance(by: 10)
            #expect(store.clock.now == time.now)
        }
    }
}
