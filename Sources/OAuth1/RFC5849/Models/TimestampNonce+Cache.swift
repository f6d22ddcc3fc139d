public import GatehouseCommon

/// The `existsNonce` function shape shared by the server and the resource protector: `true` when the
/// nonce was seen before (a replay), after recording it otherwise.
public typealias ExistsNonceFunction = @Sendable (TimestampNonce) async throws -> Bool

extension TimestampNonce {
    /// Checks and records this nonce in `cache`, atomically.
    ///
    /// Uses ``/GatehouseCommon/KeyValueCache/add(_:_:expires:)``, so two concurrent requests with the same nonce cannot
    /// both pass.
    ///
    /// - Parameters:
    ///   - cache: where nonces are kept.
    ///   - keyPrefix: the key prefix (Authlib's default `nonce:`).
    ///   - expires: seconds to keep the record; at least the timestamp window (default one day).
    /// - Returns: `true` when the nonce was already used.
    public func exists(
        in cache: any KeyValueCache,
        keyPrefix: String = "nonce:",
        expires: Int = 86_400
    )
        async throws -> Bool
    {
        try await !cache.add(cacheKey(prefix: keyPrefix), "1", expires: expires)
    }
}

/// An `existsNonce` function backed by a ``/GatehouseCommon/KeyValueCache`` (Authlib's `create_exists_nonce_func`).
///
/// ```swift
/// let protector = OAuth1ResourceProtector(
///     queryClient: store.client, queryToken: store.token,
///     existsNonce: createExistsNonceFunc(MemoryCache()))
/// ```
///
/// - Parameters:
///   - cache: where nonces are kept.
///   - keyPrefix: the key prefix (default `nonce:`).
///   - expires: seconds to keep each nonce (default one day).
/// - Returns: a function that records each nonce and reports replays.
public func createExistsNonceFunc(
    _ cache: any KeyValueCache,
    keyPrefix: String = "nonce:",
    expires: Int = 86_400
) -> ExistsNonceFunction {
    { nonce in try await nonce.exists(in: cache, keyPrefix: keyPrefix, expires: expires) }
}
