import FoundationEssentials
import GatehouseCommon
import OAuth2
public import OAuthClient

/// One provider registered on an ``OAuthRegistry``: "log in with X" and calls to X's API, over
/// OAuth 1 (when it has a request token URL) or OAuth 2 (Authlib's `RemoteApp`; `OAuthMiddleware`
/// names it `RemoteApp` for HTTPCore's request type).
///
/// Get it as `oauth.twitter` or `oauth.createClient("twitter")`. Its methods take the request
/// explicitly (the Django style) or, when it is omitted, use the request the current task handles
/// (``RegistryRequest/current``, the Flask style).
///
/// Pending flows are bound to the browser session: OAuth 2 keeps `state`, the PKCE verifier and
/// the nonce in the ``BrowserSession`` under a key per `state`, so flows in several tabs do not
/// overwrite each other and a `state` replayed in another browser finds nothing. OAuth 1 keeps the
/// temporary credential in the registry's cache (the session holds only a random binding value)
/// or hands it to `saveRequestToken`/`fetchRequestToken`.
///
/// > Important: the browser session must be stored on the server side. With cookie storage the
/// > PKCE verifier and nonce would travel to the browser (signed, not encrypted), which defeats
/// > PKCE against an attacker who can read the cookie. A shared store (a SQL-backed cache) lets
/// > several nodes complete each other's flows.
public final class OAuthRemoteApp<Request: RegistryRequest>: Sendable {
    /// Stores an OAuth 1 temporary credential (Authlib's `save_request_token`): keep it bound to
    /// the user of `request`. **Default:** the registry's cache.
    public typealias SaveRequestToken = @Sendable (_ request: Request, _ token: OAuth1Token) async throws -> Void
    /// Loads the OAuth 1 temporary credential whose `oauth_token` the callback carries, stored by
    /// ``SaveRequestToken`` for the user of `request`; `nil` when there is none (the callback is
    /// refused). **Default:** the registry's cache.
    public typealias FetchRequestToken = @Sendable (_ request: Request, _ oauthToken: String) async throws -> OAuth1Token?
    /// Loads the token of the user of `request` for an API call (Authlib's `fetch_token`).
    /// **Default:** the registry-level `fetchToken(name, request)`.
    public typealias FetchToken = @Sendable (_ request: Request) async throws -> RemoteToken?
    /// Saves an OAuth 2 token refreshed before an API call, replacing `previous` (Authlib's
    /// `update_token`); `request` is the one the call was made for. **Default:** the registry-level
    /// `updateToken`, else the new token is only used for this call.
    public typealias UpdateToken = @Sendable (_ token: Token, _ previous: Token?, _ request: Request?) async throws -> Void
    /// Registers compliance hooks on each session of this app (Authlib's `compliance_fix`).
    public typealias ComplianceFix = @Sendable (_ session: any ClientSession) -> Void

    /// A resolved app: its settings, what the registry shares, and the provider's metadata once
    /// discovered.
    final class Settings: Sendable {
        let configuration: Result<Configuration, any Error>
        let shared: OAuthRegistry<Request>.Shared
        /// Loaded over the network at first need, then kept: a cache, not a setting.
        let metadata = LockedValue<AuthorizationServerMetadata?>(nil)

        init(configuration: Result<Configuration, any Error>, shared: OAuthRegistry<Request>.Shared) {
            self.configuration = configuration
            self.shared = shared
        }
    }

    /// Where the app's settings come from.
    enum Source: Sendable {
        /// Made by the frozen registry.
        case resolved(Settings)
        /// Returned by `register` before the registry froze: resolved through it at each use.
        case registry(OAuthRegistry<Request>)
    }

    /// The name the app is registered under (`twitter`): the prefix of its configuration keys.
    public let name: String
    let source: Source

    init(name: String, configuration: Result<Configuration, any Error>?, shared: OAuthRegistry<Request>.Shared) {
        self.name = name
        let unknown = OAuthClientError(.invalidConfiguration, message: "no OAuth client named \"\(name)\" is registered")
        source = .resolved(Settings(configuration: configuration ?? .failure(unknown), shared: shared))
    }

    init(name: String, registry: OAuthRegistry<Request>) {
        self.name = name
        source = .registry(registry)
    }

    /// The app's resolved settings (freezing the registry at the first use of a handle returned
    /// by `register`).
    var settings: Settings {
        switch source {
        case .resolved(let settings): return settings
        case .registry(let registry):
            let state = registry.state
            if case .resolved(let settings) = state.apps[name]?.source { return settings }
            return OAuthRemoteApp(name: name, configuration: nil, shared: state.shared).settings
        }
    }

    /// What the registry shares: configuration, registry-level hooks, cache and clock.
    var shared: OAuthRegistry<Request>.Shared { settings.shared }

    /// The app's settings: those passed to `register`, completed from the app configuration.
    ///
    /// - Throws: ``/OAuthClient/OAuthClientError`` `invalid_configuration` when no app of this name is
    ///   registered; ``/GatehouseConfig/ConfigError`` for a malformed configuration value.
    public var configuration: Configuration {
        get throws { try settings.configuration.get() }
    }

    /// The request to work on: the one given, else the current request (the Flask style).
    func resolveRequest(_ request: Request?) throws(OAuthClientError) -> Request {
        guard let request = request ?? Request.current else {
            throw OAuthClientError(
                .invalidConfiguration,
                message: "no request: pass it, or call from a route handler so currentRequest is bound"
            )
        }
        return request
    }

    /// The browser session of `request`.
    static func session(of request: Request) throws(OAuthClientError) -> any BrowserSession {
        do { return try request.browserSession() } catch {
            throw OAuthClientError(
                .invalidConfiguration,
                message: "the OAuth client needs a server-side browser session on this route: \(error)"
            )
        }
    }

    func clientID(_ configuration: Configuration) throws(OAuthClientError) -> String {
        guard let clientID = configuration.clientID, !clientID.isEmpty else {
            throw OAuthClientError(
                .invalidConfiguration,
                message: "no client_id for \"\(name)\": pass clientID: or set \(name.uppercased())_CLIENT_ID"
            )
        }
        return clientID
    }

    /// The token for an API call: the explicit one, else the app's `fetchToken`, else the registry's.
    func resolveToken(_ explicit: RemoteToken?, request: Request?, configuration: Configuration) async throws -> RemoteToken {
        if let explicit { return explicit }
        if let request = request ?? Request.current {
            if let fetchToken = configuration.fetchToken {
                if let token = try await fetchToken(request) { return token }
            } else if let fetchToken = shared.fetchToken {
                if let token = try await fetchToken(name, request) { return token }
            }
        }
        throw OAuthClientError(
            .missingToken,
            message: "no token for \"\(name)\": pass token:, or configure fetchToken (on the app or the registry)"
        )
    }

    /// `path` resolved against `base` (Authlib's `urljoin(api_base_url, url)`): an absolute URL is
    /// kept, `/x` replaces the base's path, `x` replaces its last segment.
    static func join(_ base: String?, _ path: String) -> String {
        if path.contains("://") { return path }
        guard let base, let schemeEnd = base.firstRange(of: "://") else { return path }
        if path.hasPrefix("/") {
            let host = base[schemeEnd.upperBound...]
            let origin = host.firstIndex(of: "/").map { base[..<$0] } ?? base[...]
            return origin + path
        }
        var directory = base
        if let query = directory.firstIndex(where: { $0 == "?" || $0 == "#" }) { directory = String(directory[..<query]) }
        if let slash = directory.lastIndex(of: "/"), slash >= schemeEnd.upperBound {
            return directory[...slash] + path
        }
        return directory + "/" + path
    }
}
