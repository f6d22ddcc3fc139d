import GatehouseCommon
import HTTPCore
import OAuthStores
import Testing

/// HTTPCore's cache-backed sessions over the shared ``SQLCache`` (kept apart from the other store
/// tests, which do not need HTTPCore).
struct SessionStoreTests {
    @Test(arguments: TestDatabase.enabled)
    func sessionsSharedThroughTheSQLCache(database: TestDatabase) async throws {
        let store = try await database.open()
        let sessions = CacheSessionStore(cache: SQLCache(store: store))
        let id = uniqueKey("session")
        try await sessions.save(id: id, values: ["state": "xyz"], lifetime: 60)
        #expect(try await sessions.load(id: id) == ["state": "xyz"])
        try await sessions.delete(id: id)
        #expect(try await sessions.load(id: id) == nil)
        try await store.close()
    }
}
