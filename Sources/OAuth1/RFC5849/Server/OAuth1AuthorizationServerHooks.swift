public import GatehouseCommon

/// The storage and policy hooks of an ``OAuth1AuthorizationServer``, the seed's overridable methods
/// (`get_client_by_id`, `exists_nonce`, `create_temporary_credential`, `get_temporary_credential`,
/// `delete_temporary_credential`, `create_authorization_verifier`, `create_token_credential`), plus
/// ``consumeTemporaryCredential(_:)``, the atomic take that makes a temporary credential single use.
///
/// Two hooks are **Required**: ``getClientByID(_:)`` and ``createTokenCredential(_:temporaryCredential:oauthToken:oauthTokenSecret:)``,
/// because token credentials belong in a durable store. The others default to ``cache``: when it is
/// set (the `OAUTH1_AUTH_CACHE_TYPE` configuration), temporary credentials and nonces live there;
/// when it is `nil`, implement them against your own store.
///
/// Only requirements can be customised: a method of the same name added in a conformer's extension
/// but not declared here would be silently skipped.
///
/// ```swift
/// struct Hooks: OAuth1AuthorizationServerHooks {
///     let store: MyStore
///     let cache: (any KeyValueCache)? = MemoryCache()
///     func getClientByID(_ clientID: String) async throws -> (any OAuth1Client)? {
///         try await store.client(clientID)
///     }
///     func createTokenCredential(
///         _ request: OAuth1Request, temporaryCredential: any OAuth1TemporaryCredential,
///         oauthToken: String, oauthTokenSecret: String
///     ) async throws -> any OAuth1TokenCredential {
///         try await store.saveToken(client: temporaryCredential.clientID, user: temporaryCredential.userID,
///                                   token: oauthToken, secret: oauthTokenSecret)
///     }
/// }
/// ```
public protocol OAuth1AuthorizationServerHooks: Sendable {
    /// Where temporary credentials and nonces are kept by the default hooks.
    ///
    /// **Default:** `nil` (implement the temporary-credential hooks and ``existsNonce(_:request:)`` yourself).
    var cache: (any KeyValueCache)? { get }

    /// Seconds a temporary credential stays in ``cache``.
    ///
    /// **Default:** 86,400 (one day, Authlib's).
    var temporaryCredentialExpiresIn: Int { get }

    /// The client registered as `clientID`, or `nil` (Authlib's `get_client_by_id` / `query_client`).
    ///
    /// **Required.**
    func getClientByID(_ clientID: String) async throws -> (any OAuth1Client)?

    /// Whether `nonce` was already used with the request's timestamp, client and token, recording it
    /// if not (RFC 5849 §3.3). Must be atomic: two concurrent requests with one nonce cannot both pass.
    ///
    /// **Default:** ``TimestampNonce/exists(in:keyPrefix:expires:)`` on ``cache``; fails with a server
    /// error when there is no cache.
    func existsNonce(_ nonce: String, request: OAuth1Request) async throws -> Bool

    /// Stores a new temporary credential for `request.clientID` with the request's `oauth_callback`
    /// (RFC 5849 §2.1). The server generated `oauthToken` and `oauthTokenSecret`.
    ///
    /// **Default:** an ``OAuth1TemporaryCredentialRecord`` in ``cache`` for ``temporaryCredentialExpiresIn``
    /// (through ``OAuth1TemporaryCredentialCache``).
    func createTemporaryCredential(
        _ request: OAuth1Request,
        oauthToken: String,
        oauthTokenSecret: String
    )
        async throws -> any OAuth1TemporaryCredential

    /// The temporary credential named by `request.token`, or `nil`.
    ///
    /// **Default:** reads ``cache``.
    func getTemporaryCredential(_ request: OAuth1Request) async throws -> (any OAuth1TemporaryCredential)?

    /// Deletes the temporary credential named by `request.token`; after a failed token exchange, so a
    /// verifier cannot be tried twice.
    ///
    /// **Default:** deletes it from ``cache``.
    func deleteTemporaryCredential(_ request: OAuth1Request) async throws

    /// Removes the temporary credential named by `request.token` and returns it, **atomically**: of
    /// several concurrent token requests for one credential, at most one may get it (a compare-and-delete,
    /// such as `DELETE ... RETURNING`). The token endpoint issues a token credential only to the request
    /// that consumed the temporary one, so a race cannot turn one authorization into many credentials.
    ///
    /// **Default:** ``/GatehouseCommon/KeyValueCache/take(_:)`` on ``cache``; fails with a server error when there is no
    /// cache. Implement it when you implement the other temporary-credential hooks.
    ///
    /// - Returns: the credential, or `nil` when it is gone (already exchanged, expired or unknown).
    func consumeTemporaryCredential(_ request: OAuth1Request) async throws -> (any OAuth1TemporaryCredential)?

    /// Issues an `oauth_verifier` for `credential`, bound to the resource owner `grantUser`, and
    /// stores both with the credential (RFC 5849 §2.2), **at most once per credential**: when the stored
    /// credential was already authorized (a concurrent approval won), throw
    /// ``OAuth1Error/alreadyAuthorized()``. Otherwise a second user's approval would replace the
    /// first user's and the token credential would belong to whoever approved last.
    ///
    /// **Default:** a random 36-character verifier, saved with the user in ``cache`` by a compare and
    /// swap against the unauthorized record (``OAuth1TemporaryCredentialCache/createAuthorizationVerifier(for:grantUser:)``).
    ///
    /// - Returns: the verifier.
    func createAuthorizationVerifier(
        _ request: OAuth1Request,
        credential: any OAuth1TemporaryCredential,
        grantUser: String
    ) async throws -> String

    /// Stores a token credential for the client and user of `temporaryCredential` (RFC 5849 §2.3).
    /// The server generated `oauthToken` and `oauthTokenSecret`.
    ///
    /// **Required.**
    func createTokenCredential(
        _ request: OAuth1Request,
        temporaryCredential: any OAuth1TemporaryCredential,
        oauthToken: String,
        oauthTokenSecret: String
    ) async throws -> any OAuth1TokenCredential
}

/// A default hook was called but neither a cache nor an implementation is there.
struct MissingHookError: Error, CustomStringConvertible {
    var hook: String
    var description: String {
        "the \"\(hook)\" hook is required: implement it or configure a cache (OAUTH1_AUTH_CACHE_TYPE)"
    }
}

extension OAuth1AuthorizationServerHooks {
    public var cache: (any KeyValueCache)? { nil }
    public var temporaryCredentialExpiresIn: Int { 86_400 }

    private func temporaryCredentials(_ hook: String) throws -> OAuth1TemporaryCredentialCache {
        guard let cache else { throw MissingHookError(hook: hook) }
        return OAuth1TemporaryCredentialCache(cache: cache, expiresIn: temporaryCredentialExpiresIn)
    }

    public func existsNonce(_ nonce: String, request: OAuth1Request) async throws -> Bool {
        guard let cache else { throw MissingHookError(hook: "existsNonce") }
        let record = TimestampNonce(
            nonce: nonce,
            timestamp: request.timestamp ?? "",
            clientID: request.clientID ?? "",
            oauthToken: request.token
        )
        return try await record.exists(in: cache)
    }

    public func createTemporaryCredential(
        _ request: OAuth1Request,
        oauthToken: String,
        oauthTokenSecret: String
    )
        async throws -> any OAuth1TemporaryCredential
    {
        try await temporaryCredentials("createTemporaryCredential").create(
            clientID: request.clientID ?? "",
            oauthToken: oauthToken,
            oauthTokenSecret: oauthTokenSecret,
            callback: request.callback
        )
    }

    public func getTemporaryCredential(_ request: OAuth1Request) async throws -> (any OAuth1TemporaryCredential)? {
        try await temporaryCredentials("getTemporaryCredential").get(request.token)
    }

    public func deleteTemporaryCredential(_ request: OAuth1Request) async throws {
        try await temporaryCredentials("deleteTemporaryCredential").delete(request.token)
    }

    public func consumeTemporaryCredential(_ request: OAuth1Request) async throws -> (any OAuth1TemporaryCredential)? {
        try await temporaryCredentials("consumeTemporaryCredential").take(request.token)
    }

    public func createAuthorizationVerifier(
        _ request: OAuth1Request,
        credential: any OAuth1TemporaryCredential,
        grantUser: String
    ) async throws -> String {
        try await temporaryCredentials("createAuthorizationVerifier").createAuthorizationVerifier(
            for: credential,
            grantUser: grantUser
        )
    }
}
