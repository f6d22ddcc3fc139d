/// A string-keyed cache with expiry: Authlib's cache interface (`get`, `set(key, value, expires)`,
/// `delete`), used for OAuth 1 temporary credentials and nonces and for the client registry's
/// pending OAuth 1 request tokens.
///
/// ``MemoryCache`` serves one process; a SQL-backed conformance (OAuthStores) lets several server
/// nodes share one cache.
public protocol KeyValueCache: Sendable {
    /// The value stored under `key`, or `nil` when it is absent or expired.
    func get(_ key: String) async throws -> String?

    /// Stores `value` under `key`, replacing any previous value.
    ///
    /// - Parameters:
    ///   - key: the entry's key.
    ///   - value: the value to store.
    ///   - expires: seconds until the entry disappears; `nil` keeps it until deleted.
    func set(_ key: String, _ value: String, expires: Int?) async throws

    /// Removes `key`; removing a missing key is not an error.
    func delete(_ key: String) async throws

    /// Stores `value` under `key` only when no live entry exists there, atomically.
    ///
    /// - Returns: `true` when this call stored the value, `false` when the key was already taken.
    ///   This is what replay protection needs: two concurrent requests with the same nonce cannot
    ///   both see "absent".
    func add(_ key: String, _ value: String, expires: Int?) async throws -> Bool

    /// Removes the live entry under `key` and returns its value, atomically: of several concurrent
    /// calls, at most one gets the value. This is how a single-use credential is consumed (an OAuth 1
    /// temporary credential at the token endpoint), so a race cannot redeem it twice.
    ///
    /// - Returns: the value, or `nil` when the key is absent, expired or already taken.
    func take(_ key: String) async throws -> String?

    /// Replaces the live value under `key` with `value` only when it is still `expected`, atomically
    /// (compare and swap): a state change such as authorizing a temporary credential happens at most once.
    ///
    /// - Parameters:
    ///   - key: the entry's key.
    ///   - expected: the value the entry must still hold.
    ///   - value: the new value.
    ///   - expires: seconds until the new entry disappears; `nil` keeps it until deleted.
    /// - Returns: `true` when this call replaced the value; `false` when the entry is absent, expired
    ///   or holds something else.
    func replace(_ key: String, expected: String, with value: String, expires: Int?) async throws -> Bool
}
