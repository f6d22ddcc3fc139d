public import GatehouseCommon
public import Hummingbird
public import HummingbirdAuth
public import OAuthIntegration

/// A hummingbird-auth session type with room for the client registry's pending logins.
///
/// ```swift
/// struct AppSession: OAuthClientSessionStorage {
///     var oauthPendingFlows: [String: String] = [:]
///     var userID: String?
/// }
/// ```
public protocol OAuthClientSessionStorage: Codable, Sendable {
    /// The registry's pending flows (OAuth 2 `state`, PKCE verifier, nonce; the OAuth 1 binding),
    /// by key. Keep the session storage on the server side: this holds the PKCE verifier.
    var oauthPendingFlows: [String: String] { get set }

    /// An empty session, started by the registry when the browser has none yet.
    init()
}

/// A Hummingbird request as the client registry sees it (``OAuthIntegration/RegistryRequest``): its
/// hummingbird-auth session and a callback's parameters (the query, or a `form_post` body,
/// collected when the value is made).
public struct HummingbirdRegistryRequest<Context: SessionRequestContext>: RegistryRequest
where Context.Session: OAuthClientSessionStorage {
    /// The request.
    public let request: Request
    /// Its context, which holds the session.
    public let context: Context
    private let parameters: GatehouseCommon.Parameters

    /// Wraps `request`, collecting a form body (at most the context's upload limit).
    ///
    /// - Throws: Hummingbird's 413 for a larger body; a form-encoding error for a malformed query
    ///   or form.
    public init(_ request: Request, context: Context) async throws {
        var request = request
        parameters = try await Self.callbackParameters(
            isPost: request.method == .post,
            contentType: request.headers[.contentType],
            query: request.uri.query
        ) { Array(try await request.collectBody(upTo: context.maxUploadSize).readableBytesView) }
        self.request = request
        self.context = context
    }

    /// Hummingbird binds no current request: pass the request to every registry call.
    public static var current: Self? { nil }

    /// The session of `context.sessions` (hummingbird-auth's `SessionMiddleware` must run).
    public func browserSession() throws -> any BrowserSession {
        HummingbirdBrowserSession(sessions: context.sessions)
    }

    /// The query, or the form of a `form_post` callback.
    public func callbackParameters() throws -> GatehouseCommon.Parameters { parameters }
}

/// hummingbird-auth's session context as the registry's ``OAuthIntegration/BrowserSession``: the
/// pending flows live in ``OAuthClientSessionStorage/oauthPendingFlows``; a session is started on
/// the first write when the browser has none.
final class HummingbirdBrowserSession<Session: OAuthClientSessionStorage>: BrowserSession {
    let sessions: SessionContext<Session>

    init(sessions: SessionContext<Session>) { self.sessions = sessions }

    subscript(key: String) -> String? {
        get { sessions.session?.oauthPendingFlows[key] }
        set {
            if sessions.session == nil { sessions.createSession(Session()) }
            sessions.withLockedSession { $0?.oauthPendingFlows[key] = newValue }
        }
    }

    var keys: [String] { sessions.session.map { Array($0.oauthPendingFlows.keys) } ?? [] }
}
