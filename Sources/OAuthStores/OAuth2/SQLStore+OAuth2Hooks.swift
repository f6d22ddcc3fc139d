public import OAuth2

extension SQLStore {
    /// Loads the application's user for a user id the store recorded; `nil` when the user is gone.
    public typealias UserLoader = @Sendable (_ userID: String) async throws -> (any OAuth2User)?

    /// The authorization code grant over this store (RFC 6749 §4.1). Register PKCE with it:
    /// `server.registerGrant(store.authorizationCodeGrant(), extensions: [CodeChallenge(required: true)])`.
    ///
    /// - Parameter authenticateUser: loads the user who granted a code. **Default:** trusts the stored id.
    /// - Returns: the grant.
    public func authorizationCodeGrant(authenticateUser: UserLoader? = nil) -> SQLAuthorizationCodeGrant {
        SQLAuthorizationCodeGrant(store: self, authenticateUser: authenticateUser)
    }

    /// The refresh token grant over this store, rotating refresh tokens and detecting reuse
    /// (RFC 6749 §6, RFC 9700 §4.14.2).
    ///
    /// - Parameters:
    ///   - authenticateUser: loads the token's user. **Default:** trusts the stored id.
    ///   - rotatesRefreshToken: issue a new refresh token each time. **Default:** `true`.
    ///   - reuseGracePeriod: seconds a rotated refresh token is still accepted. **Default:** `0`.
    /// - Returns: the grant.
    public func refreshTokenGrant(
        authenticateUser: UserLoader? = nil,
        rotatesRefreshToken: Bool = true,
        reuseGracePeriod: Int = 0
    ) -> SQLRefreshTokenGrant {
        SQLRefreshTokenGrant(
            store: self,
            authenticateUser: authenticateUser,
            rotatesRefreshToken: rotatesRefreshToken,
            reuseGracePeriod: reuseGracePeriod
        )
    }

    /// The password grant (RFC 6749 §4.3); the password check is the application's.
    ///
    /// - Parameter authenticateUser: returns the user for a username and password, `nil` when wrong.
    /// - Returns: the grant.
    public func passwordGrant(
        authenticateUser: @escaping @Sendable (_ username: String, _ password: String) async throws -> (any OAuth2User)?
    ) -> SQLPasswordGrant {
        SQLPasswordGrant(authenticateUser: authenticateUser)
    }

    /// The revocation endpoint over this store (RFC 7009).
    public func revocationEndpoint() -> SQLRevocationEndpoint {
        SQLRevocationEndpoint(store: self)
    }

    /// The introspection endpoint over this store (RFC 7662).
    ///
    /// - Parameter checkPermission: whether a client may introspect a token. **Default:** own tokens only.
    /// - Returns: the endpoint.
    public func introspectionEndpoint(
        checkPermission: (@Sendable (_ token: any OAuth2Token, _ client: any OAuth2Client) async throws -> Bool)? = nil
    ) -> SQLIntrospectionEndpoint {
        SQLIntrospectionEndpoint(store: self, checkPermission: checkPermission)
    }

    /// A bearer token validator over this store (RFC 6750) with a bounded look-up cache.
    ///
    /// - Parameters:
    ///   - cacheLifetime: how long a look-up is reused; a revoked token is refused on every node
    ///     within it. `.zero` turns the cache off. **Default:** 5 seconds.
    ///   - maxCachedTokens: the most tokens cached. **Default:** 10,000.
    /// - Returns: the validator; create it once and share it.
    public func bearerTokenValidator(cacheLifetime: Duration = .seconds(5), maxCachedTokens: Int = 10_000) -> SQLBearerTokenValidator {
        SQLBearerTokenValidator(store: self, cacheLifetime: cacheLifetime, maxCachedTokens: maxCachedTokens)
    }
}
