import GatehouseCommon
import NIOHTTP1
import OAuth1
import OAuthClient
import OAuthTestSupport
import Synchronization
import Testing

/// End-to-end OAuth 1 flows against Gatehouse's own OAuth 1 core on a loopback port.
struct OAuth1SessionTests {
    func session(
        _ method: SignatureMethod,
        placement: OAuth1Request.ParameterLocation,
        secret: String = TestProvider.oauth1ClientSecret
    ) throws -> OAuth1Session {
        OAuth1Session(
            clientID: TestProvider.oauth1ClientID,
            clientSecret: method == .rsaSHA1 ? "" : secret,
            signatureMethod: method,
            signaturePlacement: placement,
            rsaPrivateKey: method == .rsaSHA1 ? try Vectors.read("rsa-sha1-private.pem") : nil,
            callbackURI: TestProvider.callback
        )
    }

    @Test(arguments: [
        (SignatureMethod.hmacSHA1, OAuth1Request.ParameterLocation.header),
        (.hmacSHA1, .body),
        (.hmacSHA1, .query),
        (.rsaSHA1, .header),
        (.rsaSHA1, .query),
        (.plaintext, .header),
    ])
    func threeLeggedFlowThenProtectedCalls(
        method: SignatureMethod,
        placement: OAuth1Request.ParameterLocation
    )
        async throws
    {
        try await withProvider { provider in
            let session = try session(method, placement: placement)
            let temporary = try await session.fetchRequestToken(url: provider.base + "/oauth1/initiate")
            #expect(temporary.callbackConfirmed)

            let authorizeURL = try session.createAuthorizationURL(provider.base + "/oauth1/authorize")
            #expect(authorizeURL.contains("oauth_token=\(temporary.oauthToken)"))
            let location = try await provider.visit(authorizeURL)
            #expect(location.hasPrefix(TestProvider.callback))
            let callback = try session.parseAuthorizationResponse(location)
            #expect(callback.oauthToken == temporary.oauthToken)

            let token = try await session.fetchAccessToken(url: provider.base + "/oauth1/token")
            #expect(token.oauthToken != temporary.oauthToken)
            #expect(provider.oauth1Store.tokenCredential(token.oauthToken)?.userID == "user-1")

            let get = try await session.request(.get, provider.base + "/oauth1/photos?size=original&file=vacation.jpg")
            #expect(get.status == 200)
            #expect(get.text.hasPrefix("photos of user-1"))

            let post = try await session.request(
                .post,
                provider.base + "/oauth1/photos",
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: Array("title=Sunset%20%26%20sea".utf8)
            )
            #expect(post.status == 200)
            #expect(post.text == "photos of user-1 Sunset & sea")
            let seen = try #require(provider.seen.withLock { $0.last })
            switch placement {
            case .header: #expect(seen.headers["authorization"]?.hasPrefix("OAuth ") == true)
            case .body: #expect(seen.body.contains("oauth_signature="))
            case .query: #expect(seen.target.contains("oauth_signature="))
            }
        }
    }

    @Test func tamperedBodyIsRefusedByTheProvider() async throws {
        try await withProvider { provider in
            let session = try session(.hmacSHA1, placement: .header)
            try await login(session, provider)
            var request = OAuthClientRequest(method: .post, url: provider.base + "/oauth1/photos")
            request.setForm(["title": "mine"])
            var signed = try session.sign(request)
            signed.setForm(["title": "theirs"])
            let response = try await HTTPClientSender.send(signed)
            #expect(response.status == 401)
        }
    }

    @Test func deniedAuthorizationIsProviderError() async throws {
        try await withProvider { provider in
            let session = try session(.hmacSHA1, placement: .header)
            try await session.fetchRequestToken(url: provider.base + "/oauth1/initiate")
            let location = try await provider.visit(try session.createAuthorizationURL(provider.base + "/oauth1/deny"))
            let error = #expect(throws: OAuthClientError.self) { try session.parseAuthorizationResponse(location) }
            #expect(error?.code == .providerError)
            #expect(error?.error == "access_denied")
        }
    }

    @Test func callbackOfAnotherFlowIsRefused() throws {
        let session = OAuth1Session(
            clientID: "c",
            token: OAuth1Token(oauthToken: "mine", oauthTokenSecret: "s")
        )
        let error = #expect(throws: OAuthClientError.self) {
            try session.parseAuthorizationResponse("https://client.example/callback?oauth_token=theirs&oauth_verifier=v")
        }
        #expect(error?.code == .stateMismatch)
        let missing = #expect(throws: OAuthClientError.self) {
            try session.parseAuthorizationResponse("oauth_token=mine")
        }
        #expect(missing?.code == .missingParameter)
    }

    @Test func wrongClientSecretIsProviderErrorWithStatus() async throws {
        try await withProvider { provider in
            let session = try session(.hmacSHA1, placement: .header, secret: "wrong")
            let error = await #expect(throws: OAuthClientError.self) {
                try await session.fetchRequestToken(url: provider.base + "/oauth1/initiate")
            }
            #expect(error?.code == .providerError)
            #expect(error?.status == 401)
            #expect(error?.error != nil)
        }
    }

    @Test func unusableRSAKeyIsSignatureFailed() async throws {
        let session = OAuth1Session(clientID: "c", signatureMethod: .rsaSHA1, rsaPrivateKey: "not a key")
        let error = await #expect(throws: OAuthClientError.self) {
            try await session.fetchRequestToken(url: "http://127.0.0.1:1/initiate")
        }
        #expect(error?.code == .signatureFailed)
    }

    @Test func unreachableProviderIsConnectionFailed() async throws {
        let session = OAuth1Session(clientID: "c", clientSecret: "s", timeout: .seconds(1))
        let error = await #expect(throws: OAuthClientError.self) {
            try await session.fetchRequestToken(url: "http://127.0.0.1:1/initiate")
        }
        #expect(error?.code == .connectionFailed)
    }

    @Test func signedParametersMatchTheCoreVerifier() throws {
        let session = OAuth1Session(
            clientID: "dpf43f3p2l4k3l03",
            clientSecret: "kd94hf93k423kf44",
            token: OAuth1Token(oauthToken: "nnch734d00sl2jdk", oauthTokenSecret: "pfkkdhi9sl3r4s00")
        )
        let signed = try session.sign(
            OAuthClientRequest(method: .get, url: "http://photos.example.net/photos?file=vacation.jpg&size=original")
        )
        let header = try #require(signed.headers[.authorization])
        let request = try OAuth1Request(method: "GET", uri: signed.url, headers: ["authorization": header])
        let valid = SignatureMethodRegistry.standard.verify(
            .hmacSHA1,
            signature: try #require(request.signature),
            for: SignatureInput(
                baseString: request.signatureBaseString,
                clientSecret: "kd94hf93k423kf44",
                tokenSecret: "pfkkdhi9sl3r4s00"
            )
        )
        #expect(valid)
        #expect(request.clientID == "dpf43f3p2l4k3l03")
        #expect(request.token == "nnch734d00sl2jdk")
    }
}

/// Runs the three-legged flow to the token credential.
func login(_ session: OAuth1Session, _ provider: TestProvider) async throws {
    try await session.fetchRequestToken(url: provider.base + "/oauth1/initiate")
    let location = try await provider.visit(try session.createAuthorizationURL(provider.base + "/oauth1/authorize"))
    try session.parseAuthorizationResponse(location)
    try await session.fetchAccessToken(url: provider.base + "/oauth1/token")
}
