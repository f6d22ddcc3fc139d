public import HTTPCore
public import OAuth1
import OAuthIntegration

extension OAuth1ResourceProtector {
    /// Where ``initApp(_:hooks:)`` records the protector on the app.
    public enum AppKey: StorageKey {
        public typealias Value = OAuth1ResourceProtector
    }

    /// Creates a protector attached to `app` (Authlib's
    /// `ResourceProtector(app, query_client=..., query_token=..., exists_nonce=...)`).
    ///
    /// - Throws: `ConfigError` for a malformed setting.
    public convenience init(
        app: App,
        queryClient: @escaping @Sendable (String) async throws -> (any OAuth1Client)?,
        queryToken: @escaping @Sendable (_ clientID: String, _ token: String) async throws -> (any OAuth1TokenCredential)?,
        existsNonce: @escaping ExistsNonceFunction
    ) throws {
        self.init(queryClient: queryClient, queryToken: queryToken, existsNonce: existsNonce)
        try initApp(app, hooks: hooks)
    }

    /// Attaches a protector created before the app (Authlib's `init_app`): sets the lookups and
    /// reads `OAUTH1_SUPPORTED_SIGNATURE_METHODS`, `OAUTH1_TIMESTAMP_WINDOW`, `OAUTH1_REALM` and
    /// `AUTHLIB_INSECURE_TRANSPORT` from `app.config`.
    public func initApp(_ app: App, hooks: any OAuth1ResourceProtectorHooks) throws {
        configuration = try Self.configuration(from: app.config, base: configuration)
        self.hooks = hooks
        app.extensions[AppKey.self] = self
        app.onFreeze { [self] in freeze() }
    }

    /// Attaches a protector from the seed's three functions (`query_client`, `query_token`,
    /// `exists_nonce`; see ``/OAuth1/createExistsNonceFunc(_:keyPrefix:expires:)``).
    public func initApp(
        _ app: App,
        queryClient: @escaping @Sendable (String) async throws -> (any OAuth1Client)?,
        queryToken: @escaping @Sendable (_ clientID: String, _ token: String) async throws -> (any OAuth1TokenCredential)?,
        existsNonce: @escaping ExistsNonceFunction
    ) throws {
        try initApp(app, hooks: OAuth1ResourceProtector(queryClient: queryClient, queryToken: queryToken, existsNonce: existsNonce).hooks)
    }

    /// A guard for routes that need an OAuth 1 signed request (Authlib's `require_oauth()`): refuses
    /// with 401 and `WWW-Authenticate: OAuth realm=...`, and otherwise binds ``/OAuthIntegration/currentCredential``.
    ///
    /// ```swift
    /// let requireOAuth1 = OAuth1ResourceProtector()
    /// app.get("/api/oauth1/me", requireOAuth1 { _ in .text(currentCredential?.userID ?? "") })
    /// ```
    public func callAsFunction() -> some Middleware {
        OAuth1Guard(protector: self)
    }

    /// Wraps `handler` in the guard, decorator style.
    public func callAsFunction(_ handler: @escaping Responder) -> Responder {
        OAuth1Guard(protector: self)(handler)
    }
}

/// The middleware behind an OAuth 1 `requireOAuth()`.
struct OAuth1Guard: Middleware {
    let protector: OAuth1ResourceProtector

    func handle(_ request: Request, next: Responder) async throws -> Response {
        let oauthRequest: OAuth1Request
        do {
            oauthRequest = try request.oauth1Request()
        } catch {
            return Response(protector.errorResponse(error))
        }
        return try await protector.guarding(oauthRequest, denied: { Response($0) }) { authorized in
            request.locals[OAuth1CredentialKey.self] = authorized
            return try await next(request)
        }
    }
}

/// Where the OAuth 1 guard keeps the authorized request in ``Request/locals``.
enum OAuth1CredentialKey: StorageKey {
    typealias Value = OAuth1AuthorizedRequest
}

extension Request {
    /// The OAuth 1 client and token credential a guard accepted for this request, if any.
    public var oauth1Credential: OAuth1AuthorizedRequest? { locals[OAuth1CredentialKey.self] }
}
