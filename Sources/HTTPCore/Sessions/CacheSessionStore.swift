import Foundation
public import GatehouseCommon

/// A ``SessionStore`` on any ``/GatehouseCommon/KeyValueCache``: in process on a ``/GatehouseCommon/MemoryCache`` (the default),
/// or shared by several nodes on a SQL-backed cache, so a browser's OAuth flow started on one node
/// completes on another.
public struct CacheSessionStore: SessionStore {
    private let cache: any KeyValueCache
    private let prefix: String

    /// Creates a store on `cache`, keeping sessions under keys `prefix + id`.
    public init(cache: any KeyValueCache = MemoryCache(), prefix: String = "session:") {
        self.cache = cache
        self.prefix = prefix
    }

    public func load(id: String) async throws -> [String: String]? {
        guard let text = try await cache.get(prefix + id) else { return nil }
        return try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }

    public func save(id: String, values: [String: String], lifetime: Int) async throws {
        let text = String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
        try await cache.set(prefix + id, text, expires: lifetime)
    }

    public func delete(id: String) async throws {
        try await cache.delete(prefix + id)
    }
}
