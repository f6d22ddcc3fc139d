import DemoModel
import Foundation
import GatehouseCommon
import HTTPCore
import OAuth2
import OAuthClient
import OAuthMiddleware
import OAuthStores

/// The demo's client side: Gatehouse's client registry with the remote apps a demo user connects
/// to, and the database table of their tokens.
///
/// Two apps are always present: `gatehouse`, this demo's own OAuth 2 provider (authorization code
/// with PKCE, as a public client), and `gatehouse-oauth1`, its own OAuth 1 provider (HMAC-SHA1).
/// More come from the settings: the names in `DEMO_REMOTE_APPS`, each configured only by its
/// `{NAME}_*` keys, as the seeds configure Flask's registry (`{NAME}_CLIENT_ID`,
/// `{NAME}_AUTHORIZE_URL`, `{NAME}_REQUEST_TOKEN_URL` for OAuth 1, `{NAME}_CLIENT_KWARGS`, ...),
/// plus the demo's own `{NAME}_PROFILE_PATH` (what `/profile/:name` reads under `{NAME}_API_BASE_URL`).
struct RemoteApps: Sendable {
    /// A remote app as the pages show it.
    struct Entry: Sendable {
        /// The registry name, in `/login/:name`.
        var name: String
        /// Where its profile is read, relative to its API base URL.
        var profilePath: String
        /// Its RFC 7009 revocation endpoint, when known (else discovered from its metadata, if any).
        var revocationURL: String?
    }

    /// The names of the two apps every demo has.
    static let builtIn = ["gatehouse", "gatehouse-oauth1"]

    /// The registry, attached to the site's app.
    let oauth: OAuth
    /// The apps, in the order the home page lists them.
    let entries: [Entry]
    /// The tokens per demo user and app.
    let tokens: RemoteTokenStore
    /// This site's origin; callbacks are `origin/authorize/:name`.
    let origin: String

    /// A setting that cannot work, reported at start-up.
    struct Misconfigured: Error, CustomStringConvertible {
        var description: String
    }

    /// Sets the registry up on `app`: the built-in apps with clients of their own on this
    /// provider, then those `DEMO_REMOTE_APPS` names.
    static func make(app: App, store: SQLStore, config: Config, origin: String, secret: String) async throws -> RemoteApps {
        let tokens = RemoteTokenStore(store: store, secret: secret)
        let oauth = OAuth(
            fetchToken: { name, request in
                guard let userID = try request.session["user_id"] else { return nil }
                return try await tokens.token(userID: userID, name: name)
            },
            updateToken: { name, token, previous, request in
                guard let userID = try request?.session["user_id"] else { return }
                try await tokens.saveRefreshed(token, previous: previous, userID: userID, name: name)
            },
            // OAuth 1 temporary credentials wait in the database, so any node serves the callback.
            cache: SQLCache(store: store)
        )
        let oauth2ClientID = try await ownOAuth2ClientID(store: store, origin: origin)
        oauth.register(
            "gatehouse",
            clientID: oauth2ClientID,
            accessTokenURL: origin + "/oauth/token",
            authorizeURL: origin + "/oauth/authorize",
            apiBaseURL: origin + "/api/",
            clientKwargs: ClientOptions(scope: "profile", tokenEndpointAuthMethod: ClientAuthMethod.none, codeChallengeMethod: .s256)
        )
        let oauth1Client = try await ownOAuth1Client(store: store, origin: origin, ownerUserID: nil)
        oauth.register(
            "gatehouse-oauth1",
            clientID: oauth1Client.clientID,
            clientSecret: oauth1Client.clientSecret,
            requestTokenURL: origin + "/oauth1/initiate",
            accessTokenURL: origin + "/oauth1/token",
            authorizeURL: origin + "/oauth1/authorize",
            apiBaseURL: origin + "/api/",
            clientKwargs: ClientOptions(signatureMethod: .hmacSHA1)
        )
        var entries = [
            Entry(name: "gatehouse", profilePath: "me", revocationURL: origin + "/oauth/revoke"),
            Entry(name: "gatehouse-oauth1", profilePath: "oauth1/me"),
        ]
        for name in config.strings("DEMO_REMOTE_APPS") ?? [] {
            let name = name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            guard name.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }) else {
                throw Misconfigured(description: "DEMO_REMOTE_APPS: \"\(name)\" is not a lower-case name of letters, digits and _")
            }
            guard !entries.contains(where: { $0.name == name }) else {
                throw Misconfigured(description: "DEMO_REMOTE_APPS: \"\(name)\" is listed twice or is built in")
            }
            let prefix = name.uppercased()
            guard config.string(Config.Key("\(prefix)_CLIENT_ID")) != nil else {
                throw Misconfigured(description: "DEMO_REMOTE_APPS lists \"\(name)\" but \(prefix)_CLIENT_ID is not set")
            }
            guard config.string(Config.Key("\(prefix)_API_BASE_URL")) != nil else {
                throw Misconfigured(description: "DEMO_REMOTE_APPS lists \"\(name)\" but \(prefix)_API_BASE_URL is not set")
            }
            oauth.register(name)  // every setting from the {NAME}_* keys
            entries.append(Entry(name: name, profilePath: config.string(Config.Key("\(prefix)_PROFILE_PATH")) ?? ""))
        }
        try oauth.initApp(app)  // a malformed {NAME}_* value fails here, at start-up
        return RemoteApps(oauth: oauth, entries: entries, tokens: tokens, origin: origin)
    }

    /// The app registered as `name`, or `nil` (a 404).
    func entry(_ name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// `OAuth 1.0` or `OAuth 2.0`, as `name` is configured.
    func protocolName(of name: String) -> String? {
        guard let configuration = try? oauth.createClient(name)?.configuration else { return nil }
        return configuration.isOAuth1 ? "OAuth 1.0" : "OAuth 2.0"
    }

    /// The callback of `name`: the redirect URI (OAuth 2) or `oauth_callback` (OAuth 1).
    func callback(_ name: String) -> String {
        origin + "/authorize/" + name
    }

    /// The demo's own public OAuth 2 client for `origin` (redirect URIs `/connect/gatehouse/callback`
    /// and `/authorize/gatehouse`), created once and shared through the database.
    static func ownOAuth2ClientID(store: SQLStore, origin: String) async throws -> String {
        try await DemoSite.sharedValue(store: store, key: "demo:gatehouse_client:" + origin) {
            try await store.createOAuth2Client(
                name: "Gatehouse demo (log in with Gatehouse)",
                redirectURIs: [origin + "/connect/gatehouse/callback", origin + "/authorize/gatehouse"],
                scope: "profile",
                tokenEndpointAuthMethod: ClientAuthMethod.none,
                ownerUserID: nil,
                // The demo's own origin: http only on loopback, or where insecure transport was asked for.
                allowInsecureRedirectURIs: true
            ).client.clientID
        }
    }

    /// The demo's own OAuth 1 client for `origin` (callback `/authorize/gatehouse-oauth1`), created
    /// once and shared through the database; the first start's seed creates it for the demo user.
    static func ownOAuth1Client(store: SQLStore, origin: String, ownerUserID: String?) async throws -> SQLOAuth1Client {
        let id = try await DemoSite.sharedValue(store: store, key: "demo:gatehouse_oauth1_client:" + origin) {
            try await store.createOAuth1Client(
                name: "Demo OAuth 1 client",
                callbackURIs: [origin + "/authorize/gatehouse-oauth1", "https://printer.example.com/ready"],
                ownerUserID: ownerUserID
            ).client.clientID
        }
        guard let client = try await store.oauth1Client(id: id) else { throw StoreError.failed("the demo's OAuth 1 client \(id) is gone") }
        return client
    }
}
