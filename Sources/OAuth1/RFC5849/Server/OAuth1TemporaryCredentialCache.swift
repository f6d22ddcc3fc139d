public import GatehouseCommon

/// Temporary credentials kept in a ``/GatehouseCommon/KeyValueCache``: Authlib's `register_temporary_credential_hooks`.
///
/// The default hooks of ``OAuth1AuthorizationServerHooks`` use it when ``OAuth1AuthorizationServerHooks/cache``
/// is set; an HTTP layer that assembles hooks from closures can fall back to it as well.
///
/// ```swift
/// let store = OAuth1TemporaryCredentialCache(cache: MemoryCache())
/// let credential = try await store.create(clientID: "c", oauthToken: t, oauthTokenSecret: s, callback: "oob")
/// ```
public struct OAuth1TemporaryCredentialCache: Sendable {
    /// Where the credentials live.
    public var cache: any KeyValueCache
    /// Seconds each credential is kept (default one day).
    public var expiresIn: Int
    /// The key prefix (default Authlib's `temporary_credential:`).
    public var keyPrefix: String

    /// Creates the store.
    public init(cache: any KeyValueCache, expiresIn: Int = 86_400, keyPrefix: String = "temporary_credential:") {
        self.cache = cache
        self.expiresIn = expiresIn
        self.keyPrefix = keyPrefix
    }

    /// Saves a new credential.
    ///
    /// - Returns: the stored record.
    public func create(
        clientID: String,
        oauthToken: String,
        oauthTokenSecret: String,
        callback: String?
    )
        async throws -> OAuth1TemporaryCredentialRecord
    {
        let record = OAuth1TemporaryCredentialRecord(
            clientID: clientID,
            oauthToken: oauthToken,
            oauthTokenSecret: oauthTokenSecret,
            redirectURI: callback
        )
        try await save(record)
        return record
    }

    /// The credential `oauthToken`, or `nil` when absent, expired or unreadable.
    public func get(_ oauthToken: String?) async throws -> OAuth1TemporaryCredentialRecord? {
        guard let oauthToken, !oauthToken.isEmpty, let value = try await cache.get(keyPrefix + oauthToken) else {
            return nil
        }
        return OAuth1TemporaryCredentialRecord(cacheValue: value)
    }

    /// Deletes the credential `oauthToken`.
    public func delete(_ oauthToken: String?) async throws {
        guard let oauthToken, !oauthToken.isEmpty else { return }
        try await cache.delete(keyPrefix + oauthToken)
    }

    /// Removes the credential `oauthToken` and returns it, atomically (``/GatehouseCommon/KeyValueCache/take(_:)``): of
    /// several concurrent token requests for one credential, at most one gets it.
    ///
    /// - Returns: the credential, or `nil` when it is absent, expired, unreadable or already taken.
    public func take(_ oauthToken: String?) async throws -> OAuth1TemporaryCredentialRecord? {
        guard let oauthToken, !oauthToken.isEmpty, let value = try await cache.take(keyPrefix + oauthToken) else {
            return nil
        }
        return OAuth1TemporaryCredentialRecord(cacheValue: value)
    }

    /// Issues a random 36-character verifier for `credential`, bound to `grantUser`, and saves both,
    /// at most once per credential: the stored record is replaced only while it is still unauthorized
    /// (``/GatehouseCommon/KeyValueCache/replace(_:expected:with:expires:)``), so a second approval, concurrent or later,
    /// cannot take the credential over for another user.
    ///
    /// - Returns: the verifier.
    /// - Throws: ``OAuth1Error/invalidToken(_:)`` when the credential is gone or was already authorized.
    public func createAuthorizationVerifier(
        for credential: any OAuth1TemporaryCredential,
        grantUser: String
    )
        async throws -> String
    {
        let key = keyPrefix + credential.oauthToken
        guard let stored = try await cache.get(key), var record = OAuth1TemporaryCredentialRecord(cacheValue: stored)
        else { throw OAuth1Error.invalidToken() }
        guard !record.isAuthorized else { throw OAuth1Error.alreadyAuthorized() }
        let verifier = TokenGenerator.generate(length: 36)
        record.verifier = verifier
        record.userID = grantUser
        guard try await cache.replace(key, expected: stored, with: record.cacheValue, expires: expiresIn) else {
            throw OAuth1Error.alreadyAuthorized()
        }
        return verifier
    }

    /// Stores `record`, replacing any previous value.
    public func save(_ record: OAuth1TemporaryCredentialRecord) async throws {
        try await cache.set(keyPrefix + record.oauthToken, record.cacheValue, expires: expiresIn)
    }
}
