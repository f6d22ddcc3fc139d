import FoundationEssentials
import GatehouseCommon
public import HTTPCore
import NIOConcurrencyHelpers
import OAuth2
public import OAuthClient

/// One provider registered on an ``OAuth`` registry: "log in with X" and calls to X's API, over
/// OAuth 1 (when it has a request token URL) or OAuth 2 (Authlib's `RemoteApp`).
///
/// Get it as `oauth.twitter` or `oauth.createClient("twitter")`. Its methods take the request
/// explicitly (the Django style) or, when it is omitted, use ``currentRequest`` (the Flask style).
///
/// ```swift
/// app.get("/login") { _ in try await oauth.twitter.authorizeRedirect(redirectURI: "https://app.example/authorize") }
/// app.get("/authorize") { _ in
///     let token = try await oauth.twitter.authorizeAccessToken()
///     try await tokens.save(token, for: user)
///     return .redirect(to: "/profile")
/// }
/// app.get("/profile") { _ in
///     let profile = try await oauth.twitter.get("account/verify_credentials.json")
///     return .json(raw: profile.body)
/// }
/// ```
///
/// Pending flows are bound to the browser session: OAuth 2 keeps `state`, the PKCE verifier and
/// the nonce in `request.session` under a key per `state`, so flows in several tabs do not
/// overwrite each other and a `state` replayed in another browser finds nothing. OAuth 1 keeps the
/// temporary credential in the registry's cache (the session holds only a random binding value)
/// or hands it to `saveRequestToken`/`fetchRequestToken`.
///
/// > Important: install ``SessionMiddleware`` with **server-side storage**,
/// > `SessionMiddleware(secret: ..., storage: .server(CacheSessionStore(cache: ...)))`, on the
/// > login and callback routes. With the default cookie storage the PKCE verifier and nonce would
/// > travel to the browser (signed, not encrypted), which defeats PKCE against an attacker who can
/// > read the cookie. A shared cache (a SQL-backed one) lets several nodes complete each other's flows.
public final class RemoteApp: Sendable {
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

    struct State: Sendable {
        var configuration: Configuration?
        var metadata: AuthorizationServerMetadata?
    }

    /// The name the app is registered under (`twitter`): the prefix of its configuration keys.
    public let name: String
    let registered: Configuration?
    let shared: OAuth.Shared
    let state = NIOLockedValueBox(State())

    init(name: String, registered: Configuration?, shared: OAuth.Shared) {
        self.name = name
        self.registered = registered
        self.shared = shared
    }

    /// The app's settings: those passed to `register`, completed from the app configuration.
    ///
    /// - Throws: ``OAuthClientError`` `invalid_configuration` when no app of this name is
    ///   registered; ``ConfigError`` for a malformed configuration value.
    public var configuration: Configuration {
        get throws {
            if let resolved = state.withLockedValue({ $0.configuration }) { return resolved }
            guard let registered else {
                throw OAuthClientError(.invalidConfiguration, message: "no OAuth client named \"\(name)\" is registered")
            }
            guard let app = shared.app else { return registered }
            let resolved = try registered.completed(from: app.config, name: name)
            state.withLockedValue { $0.configuration = resolved }
            return resolved
        }
    }

    /// The request to work on: the one given, else the current request (the Flask style).
    func resolveRequest(_ request: Request?) throws(OAuthClientError) -> Request {
        guard let request = request ?? currentRequest else {
            throw OAuthClientError(
                .invalidConfiguration,
                message: "no request: pass it, or call from a route handler so currentRequest is bound"
            )
        }
        return request
    }

    /// The browser session of `request`.
    static func session(of request: Request) throws(OAuthClientError) -> Session {
        do { return try request.session } catch {
            throw OAuthClientError(
                .invalidConfiguration,
                message: "the OAuth client needs SessionMiddleware (with .server storage) on this route"
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
        if let request = request ?? currentRequest {
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
