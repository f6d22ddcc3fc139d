public import GatehouseCommon
public import OAuth2

/// Test fixtures: the standard clients and user, and a fully registered server
/// (Authlib's `tests/flask/test_oauth2/oauth2_server.py`).
public enum AuthorizationServerFixture {
    /// The issuer used by ``makeAuthorizationServer(store:configuration:codeChallenge:refreshTokenGrant:)``.
    public static let issuer = "https://server.example"
    /// A confidential client using `client_secret_basic`.
    public static let confidentialClient = MemoryClient(clientID: "confidential", clientSecret: "s3cret")
    /// A confidential client using `client_secret_post`.
    public static let postClient = MemoryClient(
        clientID: "post-client",
        clientSecret: "p0st-secret",
        tokenEndpointAuthMethod: .clientSecretPost
    )
    /// A public client (`none`) with a loopback redirect URI.
    public static let publicClient = MemoryClient(
        clientID: "public",
        redirectURIs: ["http://127.0.0.1/callback"],
        tokenEndpointAuthMethod: .none
    )
    /// The resource owner: `alice` / `wonderland`.
    public static let user = MemoryUser(userID: "user-1", username: "alice", password: "wonderland")

    /// A store holding the fixture clients and user.
    ///
    /// - Parameter clock: the store's clock, which ``makeAuthorizationServer(store:configuration:codeChallenge:refreshTokenGrant:)``
    ///   gives its default configuration too (default ``WallClock/system``).
    public static func makeStore(clock: WallClock = .system) -> MemoryOAuth2Store {
        MemoryOAuth2Store(clients: [confidentialClient, postClient, publicClient], users: [user], clock: clock)
    }
}

/// A server over `store` with every built-in grant and endpoint registered.
///
/// - Parameters:
///   - store: the in-memory store (default: ``AuthorizationServerFixture/makeStore()``).
///   - configuration: the server configuration (default: issuer set, endpoints named, the store's clock).
///   - codeChallenge: the PKCE extension for the code grant.
///   - refreshTokenGrant: the refresh grant (default: rotating, no grace period).
public func makeAuthorizationServer(
    store: MemoryOAuth2Store,
    configuration: AuthorizationServer.Configuration? = nil,
    codeChallenge: CodeChallenge = CodeChallenge(),
    refreshTokenGrant: MemoryRefreshTokenGrant? = nil
) -> AuthorizationServer {
    var defaults = AuthorizationServer.Configuration(issuer: AuthorizationServerFixture.issuer, clock: store.clock)
    defaults.authorizationEndpoint = AuthorizationServerFixture.issuer + "/oauth/authorize"
    defaults.tokenEndpoint = AuthorizationServerFixture.issuer + "/oauth/token"
    defaults.revocationEndpoint = AuthorizationServerFixture.issuer + "/oauth/revoke"
    defaults.introspectionEndpoint = AuthorizationServerFixture.issuer + "/oauth/introspect"
    let server = AuthorizationServer(
        configuration: configuration ?? defaults,
        queryClient: store.queryClient,
        saveToken: store.saveToken
    )
    server.registerGrant(MemoryAuthorizationCodeGrant(store: store), extensions: [codeChallenge])
    server.registerGrant(ImplicitGrant())
    server.registerGrant(MemoryPasswordGrant(store: store))
    server.registerGrant(ClientCredentialsGrant())
    server.registerGrant(refreshTokenGrant ?? MemoryRefreshTokenGrant(store: store))
    server.registerEndpoint(MemoryRevocationEndpoint(store: store))
    server.registerEndpoint(MemoryIntrospectionEndpoint(store: store))
    return server
}
