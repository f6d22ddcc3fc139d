import FoundationEssentials
public import OAuth1
public import OAuth2
public import OAuthClient
public import OAuthIntegration
public import OAuthStores

/// A provider on an in-memory SQLite store, for the tests of an adapter: the same servers, guard
/// and credentials whichever framework mounts them, so each adapter's tests check only its own
/// mapping. Plain http is allowed (tests talk to loopback).
///
/// ```swift
/// let provider = try await SQLiteProvider.make()
/// router.post("oauth/token") { request, context in await provider.server.createTokenResponse(request, context: context) }
/// ```
public struct SQLiteProvider: Sendable {
    /// The store; ``close()`` it at the end.
    public let store: SQLStore
    /// The OAuth 2 server: client credentials and authorization code (PKCE required) grants,
    /// revocation.
    public let server: AuthorizationServer
    /// The bearer guard, validating tokens from the store.
    public let requireOAuth: ResourceProtector
    /// The OAuth 1 guard, on the store's clients, token credentials and nonces.
    public let requireOAuth1: OAuth1ResourceProtector
    /// A confidential OAuth 2 client for the client credentials grant, scope `profile notes`.
    public let clientID: String
    /// Its secret.
    public let clientSecret: String
    /// An OAuth 1 session for a client and token credential of the store, owned by `user-1`.
    public let oauth1Session: OAuth1Session

    /// Registers everything on `store` (migrated here), or on a private in-memory SQLite store.
    public static func make(store: SQLStore? = nil) async throws -> SQLiteProvider {
        let store = try await { if let store { store } else { try await SQLStore.open(":memory:") } }()
        try await store.migrate()
        let (client, secret) = try await store.createOAuth2Client(
            name: "adapter-test",
            redirectURIs: [],
            grantTypes: [.clientCredentials],
            responseTypes: [],
            scope: "profile notes",
            ownerUserID: nil
        )
        let server = AuthorizationServer(queryClient: store.queryClient, saveToken: store.saveToken)
        server.configuration.allowInsecureTransport = true
        server.registerGrant(ClientCredentialsGrant())
        server.registerGrant(store.authorizationCodeGrant(), extensions: [CodeChallenge(required: true)])
        server.registerEndpoint(store.revocationEndpoint())
        let requireOAuth = ResourceProtector()
        requireOAuth.registerTokenValidator(store.bearerTokenValidator())

        let (oauth1Client, oauth1Secret) = try await store.createOAuth1Client(
            name: "adapter-test-oauth1",
            callbackURIs: ["https://client.example/cb"],
            ownerUserID: nil
        )
        let credential = try await store.insertOAuth1TokenCredential(
            clientID: oauth1Client.clientID,
            oauthToken: "token-1",
            oauthTokenSecret: "token-secret-1",
            userID: "user-1"
        )
        let requireOAuth1 = OAuth1ResourceProtector(hooks: store.oauth1ResourceProtectorHooks())
        requireOAuth1.configuration.allowInsecureTransport = true
        let session = OAuth1Session(
            clientID: oauth1Client.clientID,
            clientSecret: oauth1Secret,
            token: OAuth1Token(oauthToken: credential.oauthToken, oauthTokenSecret: credential.oauthTokenSecret)
        )
        return SQLiteProvider(
            store: store,
            server: server,
            requireOAuth: requireOAuth,
            requireOAuth1: requireOAuth1,
            clientID: client.clientID,
            clientSecret: secret ?? "",
            oauth1Session: session
        )
    }

    /// Makes this provider, served at `base`, a remote app `name` of `registry`: a client of the
    /// authorization code flow (scope `profile`) redirecting to `base/callback`, registered with
    /// the provider's `/oauth/authorize`, `/oauth/token` and `/api/`.
    public func register<Request: RegistryRequest>(as name: String, on registry: OAuthRegistry<Request>, base: String) async throws {
        let (client, secret) = try await store.createOAuth2Client(
            name: "adapter-test-site",
            redirectURIs: [base + "/callback"],
            scope: "profile",
            ownerUserID: nil,
            allowInsecureRedirectURIs: true
        )
        registry.register(
            name,
            clientID: client.clientID,
            clientSecret: secret,
            accessTokenURL: base + "/oauth/token",
            authorizeURL: base + "/oauth/authorize",
            apiBaseURL: base + "/api/",
            clientKwargs: ClientOptions(scope: "profile")
        )
    }

    /// `Authorization: Basic` for the client credentials of ``clientID``, or of `secret` instead.
    public func basicAuthorization(secret: String? = nil) -> String {
        "Basic " + Data("\(clientID):\(secret ?? clientSecret)".utf8).base64EncodedString()
    }

    /// The signed `Authorization` header of `GET url` by ``oauth1Session``.
    public func oauth1Authorization(_ url: String) throws -> String {
        try oauth1Session.sign(OAuthClientRequest(method: .get, url: url)).headers[.authorization] ?? ""
    }

    /// Closes the store.
    public func close() async throws { try await store.close() }
}
