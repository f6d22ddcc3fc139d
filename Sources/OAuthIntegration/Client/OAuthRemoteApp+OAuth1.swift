import AsyncHTTPClient
import FoundationEssentials
import GatehouseCommon
import OAuth1
public import OAuthClient

extension OAuthRemoteApp {
    /// What the registry's cache holds for a pending OAuth 1 flow.
    struct PendingRequestToken: Codable {
        var oauthToken: String
        var oauthTokenSecret: String
        var binding: String
    }

    var oauth1SessionPrefix: String { "_gatehouse_oauth1_\(name)_" }

    func oauth1CacheKey(_ oauthToken: String) -> String { "gatehouse:oauth1-client:\(name):\(oauthToken)" }

    /// A fresh OAuth 1 session for one step or call, with the app's signature settings and
    /// compliance fix.
    ///
    /// - Parameters:
    ///   - token: the credentials to start with.
    ///   - callbackURI: the default `oauth_callback`.
    /// - Returns: the session.
    /// - Throws: ``/OAuthClient/OAuthClientError`` `invalid_configuration` without a client id.
    public func makeOAuth1Session(token: OAuth1Token? = nil, callbackURI: String? = nil) throws -> OAuth1Session {
        let configuration = try self.configuration
        let options = configuration.clientKwargs ?? ClientOptions()
        let session = OAuth1Session(
            clientID: try clientID(configuration),
            clientSecret: configuration.clientSecret ?? "",
            signatureMethod: options.signatureMethod ?? .hmacSHA1,
            signaturePlacement: options.signaturePlacement ?? .header,
            rsaPrivateKey: options.rsaPrivateKey,
            token: token,
            callbackURI: callbackURI,
            realm: options.realm,
            httpClient: options.httpClient ?? .shared,
            timeout: options.timeout ?? .seconds(30)
        )
        configuration.complianceFix?(session)
        return session
    }

    func oauth1AuthorizeRedirect(
        _ request: Request,
        configuration: Configuration,
        redirectURI: String?,
        extraParameters: Parameters
    ) async throws -> String {
        guard let requestTokenURL = configuration.requestTokenURL, let authorizeURL = configuration.authorizeURL else {
            throw OAuthClientError(.invalidConfiguration, message: "\"\(name)\" needs a request token URL and an authorize URL")
        }
        let session = try makeOAuth1Session(callbackURI: redirectURI)
        let temporary = try await session.fetchRequestToken(
            url: requestTokenURL,
            callbackURI: redirectURI,
            extraParameters: configuration.requestTokenParams ?? Parameters()
        )
        if let save = configuration.saveRequestToken {
            try await save(request, temporary)
        } else {
            // The secret goes to the cache; the browser session only proves which browser started the flow.
            let browserSession = try Self.session(of: request)
            let binding = TokenGenerator.generate(length: 32)
            let pending = PendingRequestToken(
                oauthToken: temporary.oauthToken,
                oauthTokenSecret: temporary.oauthTokenSecret,
                binding: binding
            )
            let text = String(decoding: try JSONEncoder().encode(pending), as: UTF8.self)
            try await shared.cache.set(oauth1CacheKey(temporary.oauthToken), text, expires: Self.flowLifetime)
            browserSession[oauth1SessionPrefix + temporary.oauthToken] = binding
        }
        var parameters = configuration.authorizeParams ?? Parameters()
        for pair in extraParameters.pairs { parameters.set(pair.name, pair.value) }
        let url = try session.createAuthorizationURL(authorizeURL, requestToken: temporary.oauthToken, extraParameters: parameters)
        return url
    }

    func oauth1AuthorizeAccessToken(_ request: Request, configuration: Configuration) async throws -> OAuth1Token {
        guard let accessTokenURL = configuration.accessTokenURL else {
            throw OAuthClientError(.invalidConfiguration, message: "\"\(name)\" has no access token URL")
        }
        let callback = try request.callbackParameters()
        let encoded = FormURLEncoding.encode(callback)
        if callback["error"] != nil, configuration.fetchRequestToken == nil {
            await dropDeniedFlow(oauthToken: callback["oauth_token"], request: request)
        }
        guard callback["error"] == nil, let oauthToken = callback["oauth_token"], !oauthToken.isEmpty else {
            // Reports the provider's error, or the missing oauth_token / oauth_verifier.
            try makeOAuth1Session().parseAuthorizationResponse(encoded)
            throw OAuthClientError(.missingParameter, message: "the callback has no oauth_token")
        }
        let temporary: OAuth1Token?
        if let fetch = configuration.fetchRequestToken {
            temporary = try await fetch(request, oauthToken)
        } else {
            temporary = try await cachedRequestToken(oauthToken, request: request)
        }
        guard let temporary else {
            throw OAuthClientError(
                .stateMismatch,
                message: "the callback's oauth_token belongs to no flow started in this browser session"
            )
        }
        let session = try makeOAuth1Session(token: temporary)
        try session.parseAuthorizationResponse(encoded)
        return try await session.fetchAccessToken(url: accessTokenURL)
    }

    /// A denied flow is over: drops its temporary credential, named by the callback's `oauth_token`
    /// or, when the provider left it out (RFC 5849 does not require it on a denial), the only flow
    /// of this app pending in the browser session. Best effort: entries also expire.
    func dropDeniedFlow(oauthToken: String?, request: Request) async {
        guard let browserSession = try? Self.session(of: request) else { return }
        var token = oauthToken
        if token == nil {
            let pending = browserSession.keys.filter { $0.hasPrefix(oauth1SessionPrefix) }
            if pending.count == 1, let key = pending.first { token = String(key.dropFirst(oauth1SessionPrefix.count)) }
        }
        guard let token else { return }
        _ = try? await cachedRequestToken(token, request: request)
    }

    /// Takes the pending temporary credential out of the cache, if this browser session started it.
    func cachedRequestToken(_ oauthToken: String, request: Request) async throws -> OAuth1Token? {
        let browserSession = try Self.session(of: request)
        guard let binding = browserSession.pop(oauth1SessionPrefix + oauthToken) else { return nil }
        let cache = shared.cache
        let key = oauth1CacheKey(oauthToken)
        guard let text = try await cache.get(key) else { return nil }
        try await cache.delete(key)
        guard let pending = try? JSONDecoder().decode(PendingRequestToken.self, from: Data(text.utf8)),
            ConstantTimeComparison.isEqual(pending.binding, binding)
        else { return nil }
        return OAuth1Token(oauthToken: pending.oauthToken, oauthTokenSecret: pending.oauthTokenSecret)
    }
}
