import Crypto
import GatehouseCommon
import OAuth1
import OAuthTestSupport
import Testing

struct AuthorizationServerTests {
    static func makeServer(
        store: InMemoryOAuth1Store? = nil,
        methods: [SignatureMethod] = [.hmacSHA1, .rsaSHA1, .plaintext],
        allowInsecureTransport: Bool = false
    ) throws -> (OAuth1AuthorizationServer, InMemoryOAuth1Store) {
        let store = try store ?? InMemoryOAuth1Store(clients: [Fixtures.client()])
        let server = OAuth1AuthorizationServer(
            hooks: store,
            configuration: Fixtures.configuration(methods: methods, allowInsecureTransport: allowInsecureTransport)
        )
        return (server, store)
    }

    static let locations: [OAuth1Request.ParameterLocation] = [.header, .body, .query]

    // MARK: The full flow

    @Test(arguments: [SignatureMethod.hmacSHA1, .rsaSHA1, .plaintext], locations)
    func threeLeggedFlowIssuesATokenCredential(
        method: SignatureMethod,
        location: OAuth1Request.ParameterLocation
    )
        async throws
    {
        let (server, store) = try Self.makeServer()

        // §2.1 temporary credentials
        let initiate = await server.createTemporaryCredentialsResponse(
            try Fixtures.initiateRequest(method: method, location: location)
        )
        #expect(initiate.status == 200)
        #expect(initiate.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(initiate.header("Cache-Control") == "no-store")
        let temporary = try initiate.formParameters()
        #expect(temporary["oauth_callback_confirmed"] == "true")
        let token = try #require(temporary["oauth_token"])
        let secret = try #require(temporary["oauth_token_secret"])
        #expect(token.count == 42)
        #expect(secret.count == 48)

        // §2.2 authorization
        let authorize = try OAuth1Request(method: "GET", uri: "https://photos.example.net/authorize?oauth_token=\(token)")
        let pending = try await server.checkAuthorizationRequest(authorize)
        #expect(pending.clientID == Fixtures.clientID)
        #expect(pending.redirectURI == Fixtures.callback)
        let redirect = await server.createAuthorizationResponse(authorize, grantUser: "jane")
        #expect(redirect.status == 302)
        let target = try #require(redirect.header("Location"))
        #expect(target.hasPrefix("http://printer.example.com/ready?oauth_token=\(token)&oauth_verifier="))
        let verifier = try #require(try FormURLEncoding.decode(target.split(separator: "?")[1])["oauth_verifier"])

        // §2.3 token credentials
        let response = try await server.exchange(
            AuthorizedTemporaryCredential(token: token, secret: secret, verifier: verifier),
            method: method,
            location: location
        )
        #expect(response.status == 200, "\(response.bodyText)")
        let credential = try response.formParameters()
        let accessToken = try #require(credential["oauth_token"])
        let accessSecret = try #require(credential["oauth_token_secret"])
        #expect(store.temporaryCredential(token) == nil)
        #expect(store.tokenCredential(accessToken)?.userID == "jane")

        // §3 protected resource
        let protector = OAuth1ResourceProtector(hooks: store, configuration: Fixtures.protectorConfiguration())
        let resource = try Fixtures.signer(method: method, token: accessToken, tokenSecret: accessSecret).request(
            method: "GET",
            uri: "https://photos.example.net/photos?file=vacation.jpg&size=original",
            location: location,
            timestamp: Fixtures.timestamp
        )
        let authorized = try await protector.validateRequest(resource)
        #expect(authorized.credential.userID == "jane")
        #expect(authorized.client.clientID == Fixtures.clientID)
    }

    @Test func cacheBackedHooksRunTheFlow() async throws {
        let store = CachedOAuth1Store(clients: [try Fixtures.client()])
        let server = OAuth1AuthorizationServer(hooks: store, configuration: Fixtures.configuration())
        let authorized = try await server.authorize()
        #expect(!authorized.verifier.isEmpty)
        let response = try await server.exchange(authorized)
        #expect(response.status == 200, "\(response.bodyText)")
        #expect(store.tokenCredentials.first?.userID == "jane")
        // The temporary credential is gone from the cache.
        let again = try await server.exchange(authorized)
        #expect(again.status == 401)
        #expect(try again.formParameters()["error"] == "invalid_token")
    }

    @Test func configuredGeneratorsMakeTheCredentials() async throws {
        var configuration = Fixtures.configuration()
        configuration.tokenGenerator = { "fixed-token" }
        configuration.tokenSecretLength = 10
        let server = OAuth1AuthorizationServer(
            hooks: InMemoryOAuth1Store(clients: [try Fixtures.client()]),
            configuration: configuration
        )
        let response = await server.createTemporaryCredentialsResponse(try Fixtures.initiateRequest())
        let body = try response.formParameters()
        #expect(body["oauth_token"] == "fixed-token")
        #expect(body["oauth_token_secret"]?.count == 10)
    }

    // MARK: §2.1 checks

    @Test func badSignatureIsRejected() async throws {
        let (server, _) = try Self.makeServer()
        var signer = try Fixtures.signer()
        signer.clientSecret = "wrong"
        let request = try signer.request(
            method: "POST",
            uri: "https://photos.example.net/initiate",
            protocolParameters: ["oauth_callback": Fixtures.callback],
            timestamp: Fixtures.timestamp
        )
        let response = await server.createTemporaryCredentialsResponse(request)
        #expect(response.status == 401)
        #expect(try response.formParameters()["error"] == "invalid_signature")
        #expect(response.header("WWW-Authenticate") == #"OAuth realm="Photos""#)
    }

    @Test func replayedNonceIsRejected() async throws {
        let (server, _) = try Self.makeServer()
        let request = try Fixtures.initiateRequest(nonce: "once")
        #expect(await server.createTemporaryCredentialsResponse(request).status == 200)
        let replay = await server.createTemporaryCredentialsResponse(request)
        #expect(replay.status == 401)
        #expect(try replay.formParameters()["error"] == "invalid_nonce")
    }

    @Test(arguments: [-301, 301, -86_400])
    func staleTimestampIsRejected(offset: Int) async throws {
        let (server, store) = try Self.makeServer()
        let request = try Fixtures.initiateRequest(timestamp: String(Int(Fixtures.now) + offset))
        let response = await server.createTemporaryCredentialsResponse(request)
        #expect(response.status == 401)
        #expect(try response.formParameters()["error"] == "invalid_timestamp")
        #expect(store.nonceCount == 0)
    }

    @Test func timestampInsideTheWindowIsAccepted() async throws {
        let (server, _) = try Self.makeServer()
        let request = try Fixtures.initiateRequest(timestamp: String(Int(Fixtures.now) - 299))
        #expect(await server.createTemporaryCredentialsResponse(request).status == 200)
    }

    @Test(arguments: ["-5", "abc", "1.5", ""])
    func malformedTimestampIsRejected(timestamp: String) async throws {
        let (server, _) = try Self.makeServer()
        let response = await server.createTemporaryCredentialsResponse(try Fixtures.initiateRequest(timestamp: timestamp))
        #expect(response.status == 400)
        #expect(try response.formParameters()["error"] == "invalid_request")
    }

    @Test func unknownClientIsRejected() async throws {
        let (server, _) = try Self.makeServer(store: InMemoryOAuth1Store())
        let response = await server.createTemporaryCredentialsResponse(try Fixtures.initiateRequest())
        #expect(response.status == 401)
        #expect(try response.formParameters()["error"] == "invalid_client")
        #expect(response.header("WWW-Authenticate") == #"OAuth realm="Photos""#)
    }

    @Test func unsupportedSignatureMethodIsRejected() async throws {
        let (server, _) = try Self.makeServer(methods: [.hmacSHA1])
        let response = await server.createTemporaryCredentialsResponse(try Fixtures.initiateRequest(method: .rsaSHA1))
        #expect(response.status == 400)
        #expect(try response.formParameters()["error"] == "unsupported_signature_method")
    }

    @Test func defaultConfigurationAcceptsOnlyHMACSHA1() async throws {
        let server = OAuth1AuthorizationServer(
            hooks: InMemoryOAuth1Store(clients: [try Fixtures.client()]),
            configuration: .init(clock: Fixtures.clock)
        )
        #expect(server.configuration.supportedSignatureMethods == [.hmacSHA1])
        #expect(await server.createTemporaryCredentialsResponse(try Fixtures.initiateRequest()).status == 200)
        let plaintext = await server.createTemporaryCredentialsResponse(try Fixtures.initiateRequest(method: .plaintext))
        #expect(plaintext.status == 400)
    }

    @Test func customSignatureMethodWorksOnceRegisteredAndSupported() async throws {
        let hmacSHA256 = SignatureMethod("HMAC-SHA256")
        var registry = SignatureMethodRegistry.standard
        registry.register(hmacSHA256, HMACSignatureAlgorithm<SHA256>())
        let request = try Fixtures.signer(method: hmacSHA256, registry: registry).request(
            method: "POST",
            uri: "https://photos.example.net/initiate",
            protocolParameters: ["oauth_callback": "oob"],
            timestamp: Fixtures.timestamp
        )

        let unregistered = try Self.makeServer(methods: [.hmacSHA1, hmacSHA256]).0
        #expect(await unregistered.createTemporaryCredentialsResponse(request).status == 400)
        let server = try Self.makeServer(methods: [.hmacSHA1, hmacSHA256]).0
        server.registerSignatureMethod(hmacSHA256, HMACSignatureAlgorithm<SHA256>())
        #expect(await server.createTemporaryCredentialsResponse(request).status == 200)
    }

    @Test func plaintextOverHTTPNeedsInsecureTransportToBeAllowed() async throws {
        let (strict, _) = try Self.makeServer(allowInsecureTransport: false)
        for uri in ["http://photos.example.net/initiate", "http://127.0.0.1:5000/initiate"] {
            let refused = await strict.createTemporaryCredentialsResponse(try Fixtures.initiateRequest(method: .plaintext, uri: uri))
            #expect(refused.status == 400)
            #expect(try refused.formParameters()["error"] == "insecure_transport")
        }
        let (development, _) = try Self.makeServer(allowInsecureTransport: true)
        let allowed = await development.createTemporaryCredentialsResponse(
            try Fixtures.initiateRequest(method: .plaintext, uri: "http://127.0.0.1:5000/initiate")
        )
        #expect(allowed.status == 200)
        let hmac = await development.createTemporaryCredentialsResponse(
            try Fixtures.initiateRequest(uri: "http://photos.example.net/initiate")
        )
        #expect(hmac.status == 200)
    }

    @Test func plainHTTPIsRejectedByDefault() async throws {
        let (server, _) = try Self.makeServer()
        let response = await server.createTemporaryCredentialsResponse(
            try Fixtures.initiateRequest(uri: "http://photos.example.net/initiate")
        )
        #expect(response.status == 400)
        #expect(try response.formParameters()["error"] == "insecure_transport")
    }

    @Test func plaintextMayOmitTimestampAndNonce() async throws {
        let (server, _) = try Self.makeServer()
        let body: Parameters = [
            "oauth_consumer_key": Fixtures.clientID, "oauth_signature_method": "PLAINTEXT",
            "oauth_callback": "oob", "oauth_signature": "kd94hf93k423kf44&",
        ]
        let request = try OAuth1Request(method: "POST", uri: "https://photos.example.net/initiate", body: body)
        let response = await server.createTemporaryCredentialsResponse(request)
        #expect(response.status == 200, "\(response.bodyText)")
    }

    @Test func missingCallbackIsRejected() async throws {
        let (server, _) = try Self.makeServer()
        let request = try Fixtures.signer().request(
            method: "POST",
            uri: "https://photos.example.net/initiate",
            timestamp: Fixtures.timestamp
        )
        let response = await server.createTemporaryCredentialsResponse(request)
        #expect(response.status == 400)
        let body = try response.formParameters()
        #expect(body["error"] == "missing_required_parameter")
        #expect(body["error_description"]?.contains("oauth_callback") == true)
    }

    @Test(arguments: ["http://evil.example.com/ready", "not a uri", "javascript:alert(1)"])
    func unregisteredCallbackIsRejected(callback: String) async throws {
        let (server, _) = try Self.makeServer()
        let response = await server.createTemporaryCredentialsResponse(try Fixtures.initiateRequest(callback: callback))
        #expect(response.status == 400)
        #expect(try response.formParameters()["error"] == "invalid_request")
    }

    @Test func getIsNotAllowedForTemporaryCredentials() async throws {
        let (server, _) = try Self.makeServer()
        let request = try Fixtures.signer().request(
            method: "GET",
            uri: "https://photos.example.net/initiate",
            protocolParameters: ["oauth_callback": "oob"],
            location: .query,
            timestamp: Fixtures.timestamp
        )
        let response = await server.createTemporaryCredentialsResponse(request)
        #expect(response.status == 405)
        #expect(response.header("Allow") == "POST")
    }

    @Test func versionOtherThan10IsRejected() async throws {
        let (server, _) = try Self.makeServer()
        let request = try Fixtures.signer().request(
            method: "POST",
            uri: "https://photos.example.net/initiate",
            protocolParameters: ["oauth_callback": "oob", "oauth_version": "2.0"],
            location: .body,
            timestamp: Fixtures.timestamp
        )
        let response = await server.createTemporaryCredentialsResponse(request)
        #expect(response.status == 400)
        #expect(try response.formParameters()["error"] == "unsupported_parameter")
    }

    @Test func failingHookBecomesServerError() async throws {
        struct BrokenStore: OAuth1AuthorizationServerHooks {
            struct Down: Error {}
            func getClientByID(_ clientID: String) async throws -> (any OAuth1Client)? { throw Down() }
            func createTokenCredential(
                _ request: OAuth1Request,
                temporaryCredential: any OAuth1TemporaryCredential,
                oauthToken: String,
                oauthTokenSecret: String
            ) async throws -> any OAuth1TokenCredential { throw Down() }
        }
        let server = OAuth1AuthorizationServer(hooks: BrokenStore(), configuration: Fixtures.configuration())
        let response = await server.createTemporaryCredentialsResponse(try Fixtures.initiateRequest())
        #expect(response.status == 500)
        #expect(try response.formParameters()["error"] == "server_error")
    }

    @Test func defaultHooksWithoutCacheFailCleanly() async throws {
        struct NoCache: OAuth1AuthorizationServerHooks {
            let client: InMemoryOAuth1Client
            func getClientByID(_ clientID: String) async throws -> (any OAuth1Client)? { client }
            func createTokenCredential(
                _ request: OAuth1Request,
                temporaryCredential: any OAuth1TemporaryCredential,
                oauthToken: String,
                oauthTokenSecret: String
            ) async throws -> any OAuth1TokenCredential {
                InMemoryOAuth1TokenCredential(clientID: "", oauthToken: oauthToken, oauthTokenSecret: oauthTokenSecret)
            }
        }
        let server = OAuth1AuthorizationServer(
            hooks: NoCache(client: try Fixtures.client()),
            configuration: Fixtures.configuration()
        )
        let response = await server.createTemporaryCredentialsResponse(try Fixtures.initiateRequest())
        #expect(response.status == 500)
    }

    // MARK: §2.2 checks

    @Test func unknownTemporaryTokenIsRejectedAtAuthorization() async throws {
        let (server, _) = try Self.makeServer()
        let request = try OAuth1Request(method: "GET", uri: "https://photos.example.net/authorize?oauth_token=nope")
        let error = await #expect(throws: OAuth1Error.self) { try await server.checkAuthorizationRequest(request) }
        #expect(error?.code == .invalidToken)
        let response = await server.createAuthorizationResponse(request, grantUser: "jane")
        #expect(response.status == 401)
        let missing = try OAuth1Request(method: "GET", uri: "https://photos.example.net/authorize")
        #expect(await server.createAuthorizationResponse(missing, grantUser: "jane").status == 400)
    }

    @Test func deniedAuthorizationRedirectsWithAccessDenied() async throws {
        let (server, _) = try Self.makeServer()
        let token =
            try await server.createTemporaryCredentialsResponse(try Fixtures.initiateRequest()).formParameters()[
                "oauth_token"
            ] ?? ""
        let request = try OAuth1Request(method: "GET", uri: "https://photos.example.net/authorize?oauth_token=\(token)")
        let response = await server.createAuthorizationResponse(request, grantUser: nil)
        #expect(response.status == 302)
        #expect(response.header("Location")?.hasPrefix("http://printer.example.com/ready?error=access_denied") == true)
    }

    @Test func outOfBandCallbackShowsTheVerifier() async throws {
        let (server, store) = try Self.makeServer()
        let initiate = await server.createTemporaryCredentialsResponse(try Fixtures.initiateRequest(callback: "oob"))
        let token = try #require(try initiate.formParameters()["oauth_token"])
        let request = try OAuth1Request(method: "GET", uri: "https://photos.example.net/authorize?oauth_token=\(token)")
        let response = await server.createAuthorizationResponse(request, grantUser: "jane")
        #expect(response.status == 200)
        let body = try response.formParameters()
        #expect(body["oauth_token"] == token)
        #expect(body["oauth_verifier"] == store.temporaryCredential(token)?.verifier)

        // A fresh out-of-band credential denied (the first one is authorized, and stays so).
        let other = await server.createTemporaryCredentialsResponse(try Fixtures.initiateRequest(callback: "oob"))
        let otherToken = try #require(try other.formParameters()["oauth_token"])
        let denial = try OAuth1Request(method: "GET", uri: "https://photos.example.net/authorize?oauth_token=\(otherToken)")
        let denied = await server.createAuthorizationResponse(denial, grantUser: nil)
        #expect(denied.status == 403)
        #expect(try denied.formParameters()["error"] == "access_denied")
    }

    // MARK: §2.3 checks

    @Test func wrongVerifierIsRejectedAndTheCredentialDeleted() async throws {
        let (server, store) = try Self.makeServer()
        let authorized = try await server.authorize()
        let wrong = try await server.exchange(authorized, verifier: "guess")
        #expect(wrong.status == 401)
        #expect(try wrong.formParameters()["error"] == "invalid_verifier")
        #expect(store.temporaryCredential(authorized.token) == nil)
        #expect(store.deletedTemporaryTokens == [authorized.token])
        // The right verifier no longer helps: the credential is gone.
        let retry = try await server.exchange(authorized)
        #expect(retry.status == 401)
        #expect(try retry.formParameters()["error"] == "invalid_token")
    }

    @Test func badSignatureAtTokenEndpointDeletesTheCredential() async throws {
        let (server, store) = try Self.makeServer()
        var authorized = try await server.authorize()
        let token = authorized.token
        authorized.secret = "not-the-secret"
        let response = try await server.exchange(authorized)
        #expect(response.status == 401)
        #expect(try response.formParameters()["error"] == "invalid_signature")
        #expect(store.temporaryCredential(token) == nil)
    }

    @Test func unknownTokenIsRejectedAtTokenEndpoint() async throws {
        let (server, _) = try Self.makeServer()
        let response = try await server.exchange(
            AuthorizedTemporaryCredential(token: "unknown", secret: "x", verifier: "y")
        )
        #expect(response.status == 401)
        #expect(try response.formParameters()["error"] == "invalid_token")
    }

    @Test func unauthorizedTemporaryCredentialCannotBeExchanged() async throws {
        let (server, _) = try Self.makeServer()
        let temporary = try await server.createTemporaryCredentialsResponse(try Fixtures.initiateRequest())
            .formParameters()
        let response = try await server.exchange(
            AuthorizedTemporaryCredential(
                token: temporary["oauth_token"] ?? "",
                secret: temporary["oauth_token_secret"] ?? "",
                verifier: "x"
            )
        )
        #expect(response.status == 401)
        #expect(try response.formParameters()["error"] == "invalid_verifier")
    }

    @Test func temporaryCredentialOfAnotherClientIsRejected() async throws {
        let (server, store) = try Self.makeServer()
        store.register(InMemoryOAuth1Client(clientID: "other", clientSecret: "other-secret"))
        let authorized = try await server.authorize()
        var signer = try Fixtures.signer(token: authorized.token, tokenSecret: authorized.secret)
        signer.clientID = "other"
        signer.clientSecret = "other-secret"
        let request = try signer.request(
            method: "POST",
            uri: "https://photos.example.net/token",
            protocolParameters: ["oauth_verifier": authorized.verifier],
            timestamp: Fixtures.timestamp
        )
        let response = await server.createTokenResponse(request)
        #expect(response.status == 401)
        #expect(try response.formParameters()["error"] == "invalid_token")
    }

    @Test func missingVerifierIsRejected() async throws {
        let (server, _) = try Self.makeServer()
        let authorized = try await server.authorize()
        let request = try Fixtures.signer(token: authorized.token, tokenSecret: authorized.secret).request(
            method: "POST",
            uri: "https://photos.example.net/token",
            timestamp: Fixtures.timestamp
        )
        let response = await server.createTokenResponse(request)
        #expect(response.status == 400)
        #expect(try response.formParameters()["error"] == "missing_required_parameter")
    }

    @Test func replayedTokenRequestIsRejected() async throws {
        let store = try InMemoryOAuth1Store(clients: [Fixtures.client()])
        let (server, _) = try Self.makeServer(store: store)
        let authorized = try await server.authorize()
        // Put the credential back after the first exchange to isolate the nonce check.
        let saved = try #require(store.temporaryCredential(authorized.token))
        #expect(try await server.exchange(authorized, nonce: "n1").status == 200)
        store.save(saved)
        let replay = try await server.exchange(authorized, nonce: "n1")
        #expect(replay.status == 401)
        #expect(try replay.formParameters()["error"] == "invalid_nonce")
    }

    @Test func jsonErrorsWhenConfigured() async throws {
        var configuration = Fixtures.configuration()
        configuration.errorFormat = .json
        let server = OAuth1AuthorizationServer(hooks: InMemoryOAuth1Store(), configuration: configuration)
        let response = await server.createTemporaryCredentialsResponse(try Fixtures.initiateRequest())
        #expect(response.status == 401)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.bodyText.hasPrefix(#"{"error":"invalid_client""#))
    }
}
