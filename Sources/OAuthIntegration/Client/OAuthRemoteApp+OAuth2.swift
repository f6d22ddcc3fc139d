import AsyncHTTPClient
import FoundationEssentials
import GatehouseCommon
public import OAuth2
public import OAuthClient

extension OAuthRemoteApp {
    /// What an OAuth 2 flow keeps in the browser's server-side session, under a key per `state`.
    struct PendingAuthorization: Codable {
        var state: String
        var codeVerifier: String?
        var nonce: String?
        var redirectURI: String?
        var createdAt: Int
    }

    /// Seconds a started flow may take before its callback is refused.
    static var flowLifetime: Int { 3600 }
    /// The most flows of one remote app pending in one session; starting more drops the oldest.
    static var maxPendingFlows: Int { 10 }

    var oauth2SessionPrefix: String { "_gatehouse_oauth2_\(name)_" }

    /// A fresh OAuth 2 session for one step or call, with the app's endpoints, discovered metadata,
    /// update hook and compliance fix.
    ///
    /// - Parameters:
    ///   - token: the token to start with.
    ///   - request: the request the work is for, passed to the update hook.
    /// - Returns: the session.
    /// - Throws: ``/OAuthClient/OAuthClientError`` `invalid_configuration` without a client id; discovery errors.
    public func makeOAuth2Session(token: Token? = nil, request: Request? = nil) async throws -> OAuth2Session {
        let configuration = try self.configuration
        let options = configuration.clientKwargs ?? ClientOptions()
        let appUpdate = configuration.updateToken
        let registryUpdate = shared.updateToken
        let name = self.name
        let update: OAuth2Session.UpdateToken?
        if let appUpdate {
            update = { token, previous in try await appUpdate(token, previous, request) }
        } else if let registryUpdate {
            update = { token, previous in try await registryUpdate(name, token, previous, request) }
        } else {
            update = nil
        }
        let session = OAuth2Session(
            clientID: try clientID(configuration),
            clientSecret: configuration.clientSecret,
            tokenEndpointAuthMethod: options.tokenEndpointAuthMethod,
            scope: options.scope,
            token: token,
            authorizationEndpoint: configuration.authorizeURL,
            tokenEndpoint: configuration.accessTokenURL,
            leeway: options.leeway ?? 60,
            httpClient: options.httpClient ?? .shared,
            timeout: options.timeout ?? .seconds(30),
            updateToken: update
        )
        if let metadata = try await serverMetadata(configuration, session: session) { session.metadata = metadata }
        configuration.complianceFix?(session)
        return session
    }

    /// The provider's metadata from `serverMetadataURL`, loaded once and kept; `nil` without one.
    func serverMetadata(_ configuration: Configuration, session: OAuth2Session) async throws -> AuthorizationServerMetadata? {
        if let cached = settings.metadata.withLock({ $0 }) { return cached }
        guard let url = configuration.serverMetadataURL else { return nil }
        try await session.loadServerMetadata(from: url)
        let metadata = session.metadata
        settings.metadata.withLock { $0 = metadata }
        return metadata
    }

    /// The provider's metadata, loading it from `serverMetadataURL` if not done yet (Authlib's
    /// `load_server_metadata`); empty without one.
    ///
    /// - Returns: the metadata document, merged with the configured endpoints.
    /// - Throws: ``/OAuthClient/OAuthClientError`` when the document cannot be loaded.
    public func loadServerMetadata() async throws -> AuthorizationServerMetadata {
        try await makeOAuth2Session().metadata
    }

    // MARK: - Authorization code flow

    func oauth2AuthorizeRedirect(
        _ request: Request,
        configuration: Configuration,
        redirectURI: String?,
        scope: String?,
        extraParameters: Parameters
    ) async throws -> String {
        let browserSession = try Self.session(of: request)
        let session = try await makeOAuth2Session(request: request)
        var parameters = configuration.authorizeParams ?? Parameters()
        for pair in extraParameters.pairs { parameters.set(pair.name, pair.value) }
        let start = try session.createAuthorizationURL(
            redirectURI: redirectURI,
            scope: scope,
            codeChallengeMethod: configuration.clientKwargs?.codeChallengeMethod ?? .s256,
            extraParameters: parameters
        )
        let now = Int(shared.clock.now.timeIntervalSince1970)
        prunePendingFlows(browserSession, now: now)
        try browserSession.set(
            oauth2SessionPrefix + start.state,
            json: PendingAuthorization(
                state: start.state,
                codeVerifier: start.codeVerifier,
                nonce: start.nonce,
                redirectURI: start.redirectURI,
                createdAt: now
            )
        )
        return start.url
    }

    /// Drops expired pending flows, and the oldest beyond ``maxPendingFlows``, to make room for one more.
    func prunePendingFlows(_ browserSession: any BrowserSession, now: Int) {
        let prefix = oauth2SessionPrefix
        var pending: [(key: String, createdAt: Int)] = []
        for key in browserSession.keys where key.hasPrefix(prefix) {
            let created = browserSession.get(key, json: PendingAuthorization.self)?.createdAt ?? 0
            if created + Self.flowLifetime <= now {
                browserSession[key] = nil
            } else {
                pending.append((key, created))
            }
        }
        pending.sort { $0.createdAt < $1.createdAt }
        for entry in pending.prefix(max(0, pending.count - Self.maxPendingFlows + 1)) {
            browserSession[entry.key] = nil
        }
    }

    func oauth2AuthorizeAccessToken(_ request: Request, configuration: Configuration) async throws -> Token {
        let browserSession = try Self.session(of: request)
        let callback = try request.callbackParameters()
        let encoded = FormURLEncoding.encode(callback)
        let session = try await makeOAuth2Session(request: request)
        let pending = callback["state"].flatMap { state in
            browserSession.pop(oauth2SessionPrefix + state).flatMap {
                try? JSONDecoder().decode(PendingAuthorization.self, from: Data($0.utf8))
            }
        }
        if callback["error"] != nil {
            // The provider's answer (access_denied, ...) comes first: parseAuthorizationResponse throws it.
            _ = try session.parseAuthorizationResponse(encoded, state: pending?.state ?? "")
        }
        guard let pending else {
            throw OAuthClientError(
                .stateMismatch,
                message: "the callback's state belongs to no flow started in this browser session (RFC 6749 §10.12)"
            )
        }
        guard pending.createdAt + Self.flowLifetime > Int(shared.clock.now.timeIntervalSince1970) else {
            throw OAuthClientError(.stateMismatch, message: "the flow of this state has expired")
        }
        let response = try session.parseAuthorizationResponse(encoded, state: pending.state)
        return try await session.fetchToken(
            code: response.code,
            redirectURI: pending.redirectURI,
            codeVerifier: pending.codeVerifier,
            extraParameters: configuration.accessTokenParams ?? Parameters()
        )
    }

}
