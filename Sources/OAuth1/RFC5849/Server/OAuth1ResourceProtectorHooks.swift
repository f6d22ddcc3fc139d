/// The lookups an ``OAuth1ResourceProtector`` needs: the seed's `query_client`, `query_token` and
/// `exists_nonce`. All three are **Required**; ``OAuth1ResourceProtector/init(queryClient:queryToken:existsNonce:configuration:signatureMethods:logger:)``
/// builds a conformance from three closures.
public protocol OAuth1ResourceProtectorHooks: Sendable {
    /// The client registered as `clientID`, or `nil` (`query_client`). **Required.**
    func getClientByID(_ clientID: String) async throws -> (any OAuth1Client)?

    /// The token credential `token` of client `clientID`, or `nil` (`query_token`). **Required.**
    func getTokenCredential(clientID: String, token: String) async throws -> (any OAuth1TokenCredential)?

    /// Whether the nonce was already used with this timestamp, client and token, recording it if not
    /// (RFC 5849 §3.3); ``createExistsNonceFunc(_:keyPrefix:expires:)`` gives a cache-backed one,
    /// ``createExistsNonceFunc(_:)`` one over an in-process ``NonceTable``. **Required.**
    func existsNonce(_ nonce: TimestampNonce) async throws -> Bool
}

/// The closure-backed hooks of ``OAuth1ResourceProtector/init(queryClient:queryToken:existsNonce:configuration:signatureMethods:logger:)``.
struct ClosureResourceProtectorHooks: OAuth1ResourceProtectorHooks {
    var queryClient: @Sendable (String) async throws -> (any OAuth1Client)?
    var queryToken: @Sendable (String, String) async throws -> (any OAuth1TokenCredential)?
    var existsNonceFunction: ExistsNonceFunction

    func getClientByID(_ clientID: String) async throws -> (any OAuth1Client)? {
        try await queryClient(clientID)
    }

    func getTokenCredential(clientID: String, token: String) async throws -> (any OAuth1TokenCredential)? {
        try await queryToken(clientID, token)
    }

    func existsNonce(_ nonce: TimestampNonce) async throws -> Bool {
        try await existsNonceFunction(nonce)
    }
}
