import GatehouseCommon
import Testing

struct MemoryCacheTests {
    @Test func storesReadsDeletesAndExpires() async throws {
        let time = ManualClock()
        let cache = MemoryCache(clock: time.clock)
        try await cache.set("a", "1", expires: 10)
        #expect(try await cache.get("a") == "1")
        time.advance(by: 11)
        #expect(try await cache.get("a") == nil)
        try await cache.set("b", "2", expires: nil)
        try await cache.delete("b")
        #expect(try await cache.get("b") == nil)
    }

    @Test func addIsSetIfAbsentAndTakesOverExpiredEntries() async throws {
        let time = ManualClock()
        let cache = MemoryCache(clock: time.clock)
        #expect(try await cache.add("nonce", "x", expires: 5))
        #expect(try await !cache.add("nonce", "y", expires: 5))
        time.advance(by: 6)
        #expect(try await cache.add("nonce", "z", expires: 5))
        #expect(try await cache.get("nonce") == "z")
    }

    @Test func fullCacheEvictsTheOldestWrite() async throws {
        let cache = MemoryCache(capacity: 3)
        for key in ["a", "b", "c", "d"] { try await cache.set(key, key, expires: nil) }
        #expect(cache.count == 3)
        #expect(try await cache.get("a") == nil)
        #expect(try await cache.get("d") == "d")
        // Rewriting a key makes it the newest: "b" was written first of the remaining ones.
        try await cache.set("c", "c2", expires: nil)
        try await cache.set("e", "e", expires: nil)
        #expect(try await cache.get("b") == nil)
        #expect(try await cache.get("c") == "c2")
    }

    @Test func staysBoundedUnderManyWritesAndDeletes() async throws {
        let cache = MemoryCache(capacity: 1_000)
        for index in 0..<50_000 {
            #expect(try await cache.add("nonce-\(index)", "1", expires: 600))
            if index % 3 == 0 { try await cache.delete("nonce-\(index)") }
        }
        #expect(cache.count <= 1_000)
        #expect(try await cache.get("nonce-49999") == "1")
    }
}
