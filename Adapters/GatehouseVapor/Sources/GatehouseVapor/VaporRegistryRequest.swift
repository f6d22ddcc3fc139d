public import GatehouseCommon
import OAuthClient
public import OAuthIntegration
public import Vapor

/// A Vapor request as the client registry sees it (``OAuthIntegration/RegistryRequest``): its
/// session (`req.session`, so `SessionsMiddleware` must run on the route, with server-side
/// storage) and a callback's parameters (the query, or a `form_post` body, collected when the value
/// is made).
public struct VaporRegistryRequest: RegistryRequest {
    /// The request.
    public let request: Vapor.Request
    private let parameters: GatehouseCommon.Parameters

    /// Wraps `request`, collecting a form body.
    ///
    /// - Throws: Vapor's 413 for a body over the application's limit; a form-encoding error for a
    ///   malformed query or form.
    public init(_ request: Vapor.Request) async throws {
        parameters = try await Self.callbackParameters(
            isPost: request.method == .POST,
            contentType: request.headers.first(name: .contentType),
            query: request.url.query
        ) { Array(try await request.body.collect(upTo: request.application.routes.defaultMaxBodySize.value).readableBytesView) }
        self.request = request
    }

    /// Vapor binds no current request: pass the request to every registry call.
    public static var current: Self? { nil }

    /// `req.session`.
    public func browserSession() throws -> any BrowserSession { VaporBrowserSession(session: request.session) }

    /// The query, or the form of a `form_post` callback.
    public func callbackParameters() throws -> GatehouseCommon.Parameters { parameters }
}

/// Vapor's `Session` as the registry's ``OAuthIntegration/BrowserSession``.
final class VaporBrowserSession: BrowserSession {
    let session: Session

    init(session: Session) { self.session = session }

    subscript(key: String) -> String? {
        get { session.data[key] }
        set { session.data[key] = newValue }
    }

    var keys: [String] { Array(session.data.snapshot.keys) }
}

/// The OAuth client registry for a Vapor app (Authlib's `OAuth`).
///
/// ```swift
/// let oauth = VaporOAuth()
/// oauth.register("github", clientID: id, clientSecret: secret,
///                accessTokenURL: "https://github.com/login/oauth/access_token",
///                authorizeURL: "https://github.com/login/oauth/authorize")
/// let site = app.grouped(app.sessions.middleware)
/// site.get("login") { req in try await oauth.github.authorizeRedirect(req, redirectURI: "https://app.example/callback") }
/// site.get("callback") { req in try await oauth.github.authorizeAccessToken(req) ... }
/// ```
public typealias VaporOAuth = OAuthRegistry<VaporRegistryRequest>

extension OAuthRemoteApp where Request == VaporRegistryRequest {
    /// Starts the login with a 302 to the provider (Authlib's `authorize_redirect`); the pending
    /// flow waits in `req.session`.
    ///
    /// - Parameters:
    ///   - request: the request being handled.
    ///   - redirectURI: where the provider sends the user back.
    ///   - scope: OAuth 2 `scope`. **Default:** the app's `clientKwargs.scope`.
    ///   - extraParameters: more query parameters of the authorization URL.
    /// - Returns: a 302 to the provider.
    public func authorizeRedirect(
        _ request: Vapor.Request,
        redirectURI: String? = nil,
        scope: String? = nil,
        extraParameters: GatehouseCommon.Parameters = [:]
    ) async throws -> Vapor.Response {
        let url = try await authorizationRedirectURL(
            try await VaporRegistryRequest(request),
            redirectURI: redirectURI,
            scope: scope,
            extraParameters: extraParameters
        )
        return request.redirect(to: url, redirectType: .normal)
    }

    /// Finishes the login on the callback route (Authlib's `authorize_access_token`).
    public func authorizeAccessToken(_ request: Vapor.Request) async throws -> RemoteToken {
        try await authorizeAccessToken(try await VaporRegistryRequest(request))
    }
}
