/// Server-side session storage: the cookie then holds only a signed random identifier, and the
/// values (an OAuth `state`, a PKCE verifier) never reach the browser.
///
/// ``CacheSessionStore`` on a ``/GatehouseCommon/MemoryCache`` serves one process; on a SQL-backed cache it lets several nodes behind a
/// load balancer share sessions.
public protocol SessionStore: Sendable {
    /// The values saved under `id`, or `nil` when unknown or expired.
    func load(id: String) async throws -> [String: String]?
    /// Saves `values` under `id` for `lifetime` seconds.
    func save(id: String, values: [String: String], lifetime: Int) async throws
    /// Forgets `id`.
    func delete(id: String) async throws
}
