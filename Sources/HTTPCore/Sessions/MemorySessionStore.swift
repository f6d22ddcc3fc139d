import Foundation
import GatehouseCommon

/// An in-process ``SessionStore`` on a bounded ``MemoryCache``.
public struct MemorySessionStore: SessionStore {
    private let cache: MemoryCache

    /// Creates a store keeping at most `capacity` sessions.
    public init(capacity: Int = 100_000) {
        cache = MemoryCache(capacity: capacity)
    }

    public func load(id: String) async throws -> [String: String]? {
        guard let text = try await cache.get(id) else { return nil }
        return try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }

    public func save(id: String, values: [String: String], lifetime: Int) async throws {
        let text = String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
        try await cache.set(id, text, expires: lifetime)
    }

    public func delete(id: String) async throws {
        try await cache.delete(id)
    }
}
