public import OAuth2

/// The token revocation endpoint (RFC 7009) over ``SQLStore``, ready to register.
///
/// Revoking an access token revokes that access token; revoking a refresh token revokes the
/// record and its whole family (RFC 7009 §2.1). Records are kept, flagged, for reuse detection.
///
/// ```swift
/// server.registerEndpoint(store.revocationEndpoint())
/// let response = await server.createEndpointResponse(SQLRevocationEndpoint.endpointName, request)
/// ```
public struct SQLRevocationEndpoint: RevocationEndpoint {
    /// The database.
    public let store: SQLStore

    /// Creates the endpoint.
    public init(store: SQLStore) { self.store = store }

    public func queryToken(_ token: String, hint: TokenTypeHint?) async throws -> (any OAuth2Token)? {
        try await store.oauth2Token(matching: token)
    }

    public func revokeToken(_ token: any OAuth2Token) async throws {
        guard let record = token as? SQLOAuth2Token else {
            try await store.revokeOAuth2AccessToken(digest: SecretDigest.tokenKey(token.accessToken))
            return
        }
        if record.lookupKey == .refreshToken {
            try await store.revokeOAuth2Record(accessTokenDigest: record.accessTokenDigest)
        } else {
            try await store.revokeOAuth2AccessToken(digest: record.accessTokenDigest)
        }
    }

    public func revokeTokens(grantID: String) async throws {
        try await store.revokeOAuth2Tokens(grantID: grantID)
    }
}
