public import GatehouseCommon
public import HTTPCore
import NIOConcurrencyHelpers
public import OAuthClient

/// The OAuth client registry (Authlib's `OAuth` for Flask and Django): the providers an app logs
/// in with and calls, each a ``RemoteApp`` reached as `oauth.twitter`.
///
/// ```swift
/// let oauth = OAuth()                                   // before the app exists
/// oauth.register("twitter", requestTokenURL: "https://api.twitter.com/oauth/request_token",
///                accessTokenURL: "https://api.twitter.com/oauth/access_token",
///                authorizeURL: "https://api.twitter.com/oauth/authenticate",
///                apiBaseURL: "https://api.twitter.com/1.1/")  // TWITTER_CLIENT_ID etc. from app.config
/// oauth.register("github")                               // everything from GITHUB_* or AUTHLIB_OAUTH_CLIENTS
///
/// let app = App(config: .environment())
/// app.use(try SessionMiddleware(config: app.config, storage: .server(CacheSessionStore(cache: sharedCache))))
/// try oauth.initApp(app, fetchToken: { name, request in try await tokens.load(name, for: request) })
///
/// app.get("/login/:name") { request in
///     guard let client = oauth.createClient(request.parameters["name"] ?? "") else { throw HTTPError(.notFound) }
///     return try await client.authorizeRedirect(redirectURI: "https://app.example/authorize/\(client.name)")
/// }
/// ```
///
/// Registry-level hooks are shared by every remote app that has no hook of its own: `fetchToken`
/// (name, request) for API calls and `updateToken` (name, token, previous, request) after a
/// refresh. The `cache` keeps OAuth 1 temporary credentials between the redirect and the callback
/// (**Default:** an in-process ``MemoryCache``, which serves one node only: pass a shared cache
/// when several nodes serve the callbacks).
@dynamicMemberLookup
public final class OAuth: Sendable {
    /// Loads the token of the user of `request` for the remote app `name` (Authlib's registry
    /// `fetch_token(name)`); `nil` when the user has none.
    public typealias FetchToken = @Sendable (_ name: String, _ request: Request) async throws -> RemoteToken?
    /// Saves the refreshed OAuth 2 token of remote app `name`, replacing `previous` (Authlib's
    /// registry `update_token(name, token, ...)`).
    public typealias UpdateToken = @Sendable (_ name: String, _ token: Token, _ previous: Token?, _ request: Request?) async throws -> Void

    /// What the registry and its remote apps share; set by ``initApp(_:fetchToken:updateToken:cache:)``.
    final class Shared: Sendable {
        struct Values: Sendable {
            var app: App?
            var fetchToken: FetchToken?
            var updateToken: UpdateToken?
            var cache: (any KeyValueCache)?
        }

        let values: NIOLockedValueBox<Values>
        let fallbackCache = MemoryCache()

        init(_ values: Values) { self.values = NIOLockedValueBox(values) }

        var app: App? { values.withLockedValue { $0.app } }
        var fetchToken: FetchToken? { values.withLockedValue { $0.fetchToken } }
        var updateToken: UpdateToken? { values.withLockedValue { $0.updateToken } }
        var cache: any KeyValueCache { values.withLockedValue { $0.cache } ?? fallbackCache }
    }

    let shared: Shared
    let clients = NIOLockedValueBox<[String: RemoteApp]>([:])

    /// Creates a registry not yet attached to an app (Authlib's `OAuth()`); call
    /// ``initApp(_:fetchToken:updateToken:cache:)`` later.
    ///
    /// - Parameters:
    ///   - fetchToken: the registry-level token loader. **Default:** none.
    ///   - updateToken: the registry-level refreshed-token saver. **Default:** none.
    ///   - cache: where OAuth 1 temporary credentials wait. **Default:** an in-process ``MemoryCache``.
    public init(fetchToken: FetchToken? = nil, updateToken: UpdateToken? = nil, cache: (any KeyValueCache)? = nil) {
        shared = Shared(.init(fetchToken: fetchToken, updateToken: updateToken, cache: cache))
    }

    /// The app the registry is attached to, if any.
    public var app: App? { shared.app }

    /// The remote app registered as `name`, or one configured under that name (`NAME_CLIENT_ID` or
    /// `AUTHLIB_OAUTH_CLIENTS`), registered on first use (Authlib's `create_client`).
    ///
    /// - Parameter name: the remote app's name.
    /// - Returns: the remote app, or `nil` when nothing is registered or configured under `name`.
    public func createClient(_ name: String) -> RemoteApp? {
        if let client = clients.withLockedValue({ $0[name] }) { return client }
        guard let config = shared.app?.config else { return nil }
        let reader = RemoteApp.Reader(config: config, name: name)
        guard reader.string("client_id") != nil else { return nil }
        return register(name)
    }

    /// `oauth.twitter`: the remote app registered as `twitter`.
    ///
    /// An unknown name gives a remote app whose every operation throws ``OAuthClientError``
    /// `invalid_configuration`; use ``createClient(_:)`` to test for presence.
    public subscript(dynamicMember name: String) -> RemoteApp {
        createClient(name) ?? RemoteApp(name: name, registered: nil, shared: shared)
    }

    /// The names of the registered remote apps, sorted.
    public var names: [String] { clients.withLockedValue { $0.keys.sorted() } }
}
