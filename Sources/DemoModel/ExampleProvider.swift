public import GatehouseConfig
public import OAuth1
public import OAuth2
import OAuthIntegration
public import OAuthStores

/// DemoApp's provider API as the framework adapters' example servers serve it: one authorization
/// server (password, client credentials and refresh grants; revocation; introspection), the bearer
/// guard and the OAuth 1 guard, all on one ``/OAuthStores/SQLStore`` with DemoApp's schema, so clients and users
/// made with `DemoApp create-client` / `create-user` are served the same way on any framework.
///
/// Each example mounts these on its own routes; the answers of `/api/me` and `/api/notes` come
/// from ``profile(of:)`` and ``notes``.
public struct ExampleProvider: Sendable {
    /// The token, revocation and introspection endpoints and the metadata document.
    public let server: AuthorizationServer
    /// The bearer guard of `/api/me` (scope `profile`) and `/api/notes` (scope `notes`).
    public let requireOAuth: ResourceProtector
    /// The OAuth 1 guard of `/api/oauth1/me`.
    public let requireOAuth1: OAuth1ResourceProtector
    /// The demo's users.
    public let users: UserStore
    /// The demo's notes.
    public let notes: NotesStore

    /// The answer of a profile route: `{"id": ..., "username": ...}`.
    public struct Profile: Codable, Sendable, Equatable {
        /// The user's id.
        public var id: String
        /// The user's name.
        public var username: String
    }

    /// Sets the provider up on `store` with the `OAUTH2_*` / `OAUTH1_*` settings of `config`; the
    /// metadata names endpoints under `origin` (`http://127.0.0.1:8080`).
    ///
    /// - Throws: `ConfigError` for a setting that does not parse.
    public init(store: SQLStore, config: Config, origin: String) throws {
        users = UserStore(store: store)
        notes = NotesStore(store: store)
        let users = self.users
        server = AuthorizationServer(queryClient: store.queryClient, saveToken: store.saveToken)
        var settings = try AuthorizationServer.configuration(from: config, base: server.configuration)
        settings.tokenEndpoint = origin + "/oauth/token"
        settings.revocationEndpoint = origin + "/oauth/revoke"
        settings.introspectionEndpoint = origin + "/oauth/introspect"
        server.configuration = settings
        server.registerGrant(
            store.passwordGrant { username, password in try await users.authenticate(username: username, password: password) }
        )
        server.registerGrant(ClientCredentialsGrant())
        let loadUser: SQLStore.UserLoader = { id in try await users.find(id: id) }
        server.registerGrant(store.refreshTokenGrant(authenticateUser: loadUser))
        server.registerEndpoint(store.revocationEndpoint())
        server.registerEndpoint(store.introspectionEndpoint())
        requireOAuth = ResourceProtector()
        requireOAuth.registerTokenValidator(store.bearerTokenValidator())
        requireOAuth1 = OAuth1ResourceProtector(hooks: store.oauth1ResourceProtectorHooks())
        requireOAuth1.configuration = try OAuth1ResourceProtector.configuration(from: config, base: requireOAuth1.configuration)
    }

    /// The profile of the user `userID` (a token's or credential's user), or nil when the token has
    /// no user or the user is gone: the route answers 403 then.
    public func profile(of userID: String?) async throws -> Profile? {
        guard let userID, let user = try await users.find(id: userID) else { return nil }
        return Profile(id: user.userID, username: user.username)
    }
}
