import AsyncHTTPClient
import Foundation
import GatehouseCommon
import HTTPCore
import HTTPTypes
import NIOCore
import NIOHTTP1
import OAuth1
import OAuth2
import OAuthHTTP
import OAuthTestSupport
import Testing

/// A real provider on a loopback port: Gatehouse's OAuth 2 core (`AuthorizationServer` over the
/// in-memory fixtures) and OAuth 1 core (`OAuth1AuthorizationServer` + `OAuth1ResourceProtector`),
/// mounted on HTTPCore, plus a few deliberately broken endpoints.
final class TestProvider: Sendable {
    static let oauth1ClientID = "photo-client"
    static let oauth1ClientSecret = "kd94hf93k423kf44"
    static let callback = "https://client.example/callback"

    let store = AuthorizationServerFixture.makeStore()
    let oauth1Store: InMemoryOAuth1Store
    let server: HTTPServer
    let running: Task<Void, any Error>
    let port: Int
    let browser: HTTPClient
    private let oauth2: LockedValue<AuthorizationServer?> = LockedValue(nil)
    /// Every request the provider saw: method, target, headers (for hook assertions).
    let seen = LockedValue<[(method: String, target: String, headers: [String: String], body: String)]>([])

    var base: String { "http://127.0.0.1:\(port)" }

    var authorizationServer: AuthorizationServer {
        get throws { try #require(oauth2.withLock { $0 }) }
    }

    static func start() async throws -> TestProvider {
        let app = App(config: Config())
        let holder = Holder()
        installRoutes(app, holder: holder)
        let server = app.makeServer(ServerConfiguration(port: 0, accessLog: false))
        let running = Task { try await server.run() }
        let port = try await server.waitUntilListening()
        let provider = TestProvider(server: server, running: running, port: port)
        holder.provider.withLock { $0 = provider }
        return provider
    }

    private init(server: HTTPServer, running: Task<Void, any Error>, port: Int) {
        self.server = server
        self.running = running
        self.port = port
        self.browser = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: HTTPClient.Configuration(redirectConfiguration: .disallow)
        )
        self.oauth1Store = InMemoryOAuth1Store(clients: [
            InMemoryOAuth1Client(
                clientID: Self.oauth1ClientID,
                clientSecret: Self.oauth1ClientSecret,
                rsaPublicKey: try? Vectors.read("rsa-sha1-public.pem"),
                defaultRedirectURI: Self.callback
            )
        ])
        let base = "http://127.0.0.1:\(port)"
        var configuration = AuthorizationServer.Configuration(allowInsecureTransport: true, issuer: base)
        configuration.authorizationEndpoint = base + "/oauth/authorize"
        configuration.tokenEndpoint = base + "/oauth/token"
        configuration.revocationEndpoint = base + "/oauth/revoke"
        oauth2.withLock { $0 = makeAuthorizationServer(store: store, configuration: configuration) }
    }

    func stop() async {
        try? await browser.shutdown()
        server.shutdown()
        _ = try? await running.value
    }

    /// The user-agent's visit to `url`: returns the `Location` of the provider's redirect.
    func visit(_ url: String) async throws -> String {
        let response = try await browser.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        #expect(response.status.code == 302 || response.status.code == 303)
        return try #require(response.headers.first(name: "location"))
    }

    var oauth1Server: OAuth1AuthorizationServer {
        OAuth1AuthorizationServer(
            hooks: oauth1Store,
            configuration: .init(supportedSignatureMethods: [.hmacSHA1, .rsaSHA1, .plaintext], allowInsecureTransport: true)
        )
    }

    var oauth1Protector: OAuth1ResourceProtector {
        OAuth1ResourceProtector(
            hooks: oauth1Store,
            configuration: .init(supportedSignatureMethods: [.hmacSHA1, .rsaSHA1, .plaintext], allowInsecureTransport: true)
        )
    }

    var resourceProtector: ResourceProtector {
        let protector = ResourceProtector()
        protector.registerTokenValidator(MemoryBearerTokenValidator(store: store))
        return protector
    }
}

/// Lets routes registered before the port is known reach the provider.
private final class Holder: Sendable {
    let provider = LockedValue<TestProvider?>(nil)
    func get() throws -> TestProvider {
        guard let provider = provider.withLock({ $0 }) else { throw HTTPError(.serviceUnavailable) }
        return provider
    }
}

private func installRoutes(_ app: App, holder: Holder) {
    @Sendable func record(_ request: Request) throws -> TestProvider {
        let provider = try holder.get()
        let body = String(buffer: request.body)
        provider.seen.withLock {
            $0.append((request.method.rawValue, request.target, headerDictionary(request.headers), body))
        }
        return provider
    }

    // OAuth 2 core.
    app.get("/oauth/authorize") { request in
        let provider = try record(request)
        return try await provider.authorizationServer.createAuthorizationResponse(
            try oauth2Request(request),
            grantUser: AuthorizationServerFixture.user
        ).httpResponse
    }
    app.get("/oauth/deny") { request in
        let provider = try record(request)
        return try await provider.authorizationServer.createAuthorizationResponse(try oauth2Request(request), grantUser: nil)
            .httpResponse
    }
    app.post("/oauth/token") { request in
        let provider = try record(request)
        return try await provider.authorizationServer.createTokenResponse(try oauth2Request(request)).httpResponse
    }
    app.post("/oauth/revoke") { request in
        let provider = try record(request)
        return try await provider.authorizationServer.createEndpointResponse("revocation", try oauth2Request(request))
            .httpResponse
    }
    app.get("/.well-known/oauth-authorization-server") { request in
        try record(request).authorizationServer.metadata.response.httpResponse
    }
    app.get("/api/me") { request in
        let provider = try record(request)
        let parsed = try oauth2Request(request)
        let token: (any OAuth2Token)?
        do { token = try await provider.resourceProtector.validateRequest(parsed) } catch let error as OAuth2Error {
            return error.response().httpResponse
        }
        return try .json(["user": token?.userID ?? "-", "client": token?.clientID ?? "-"])
    }

    // OIDC-only discovery for the issuer `{base}/tenant`, and a document naming a foreign issuer.
    app.get("/tenant/.well-known/openid-configuration") { request in
        let provider = try record(request)
        return OAuth2Response.json([
            "issuer": .string(provider.base + "/tenant"),
            "authorization_endpoint": .string(provider.base + "/oauth/authorize"),
            "token_endpoint": .string(provider.base + "/oauth/token"),
            "userinfo_endpoint": .string(provider.base + "/api/me"),
        ]).httpResponse
    }
    app.get("/evil/.well-known/openid-configuration") { _ in
        OAuth2Response.json(["issuer": "https://attacker.example", "token_endpoint": "https://attacker.example/token"])
            .httpResponse
    }

    // Broken token endpoints.
    app.post("/broken/not-json") { _ in .text("<html>oops</html>") }
    app.post("/broken/server-error") { _ in .html("<h1>500</h1>", status: .internalServerError) }
    app.post("/broken/no-access-token") { _ in .json(raw: Array(#"{"token_type":"Bearer"}"#.utf8)) }
    app.post("/quirky/token") { _ in
        .json(raw: Array(#"{"token":"quirk-123","token_type":"bearer","expires_in":"3600"}"#.utf8))
    }

    // OAuth 1 core.
    app.post("/oauth1/initiate") { request in
        let provider = try record(request)
        return await provider.oauth1Server.createTemporaryCredentialsResponse(try oauth1Request(request)).httpResponse
    }
    app.get("/oauth1/authorize") { request in
        let provider = try record(request)
        return await provider.oauth1Server.createAuthorizationResponse(try oauth1Request(request), grantUser: "user-1")
            .httpResponse
    }
    app.get("/oauth1/deny") { request in
        let provider = try record(request)
        return await provider.oauth1Server.createAuthorizationResponse(try oauth1Request(request), grantUser: nil)
            .httpResponse
    }
    app.post("/oauth1/token") { request in
        let provider = try record(request)
        return await provider.oauth1Server.createTokenResponse(try oauth1Request(request)).httpResponse
    }
    let photos: Responder = { request in
        let provider = try record(request)
        let parsed = try oauth1Request(request)
        let authorized: OAuth1AuthorizedRequest
        do { authorized = try await provider.oauth1Protector.validateRequest(parsed) } catch let error as OAuth1Error {
            return provider.oauth1Protector.errorResponse(error).httpResponse
        }
        let form = (try? request.form()) ?? Parameters()
        return .text("photos of \(authorized.credential.userID ?? "-") \(form["title"] ?? "")")
    }
    app.get("/oauth1/photos", photos)
    app.post("/oauth1/photos", photos)
}

func headerDictionary(_ fields: HTTPFields) -> [String: String] {
    var headers: [String: String] = [:]
    for field in fields where headers[field.name.canonicalName] == nil {
        headers[field.name.canonicalName] = field.value
    }
    return headers
}

func oauth2Request(_ request: Request) throws -> OAuth2Request {
    try OAuth2Request.parse(
        method: request.method.rawValue,
        uri: request.url,
        headers: headerDictionary(request.headers),
        body: Array(buffer: request.body)
    )
}

func oauth1Request(_ request: Request) throws -> OAuth1Request {
    try OAuth1Request(
        method: request.method.rawValue,
        uri: request.url,
        headers: headerDictionary(request.headers),
        rawBody: Array(buffer: request.body)
    )
}

extension OAuthHTTPResponse {
    /// The response value both protocol cores share, as HTTPCore's response.
    var httpResponse: Response {
        Response(status: .init(code: status.code), headers: headerFields, body: ByteBuffer(bytes: body))
    }
}

/// Runs `body` against a fresh provider, stopping it afterwards.
func withProvider<T>(_ body: (TestProvider) async throws -> T) async throws -> T {
    let provider = try await TestProvider.start()
    do {
        let value = try await body(provider)
        await provider.stop()
        return value
    } catch {
        await provider.stop()
        throw error
    }
}
