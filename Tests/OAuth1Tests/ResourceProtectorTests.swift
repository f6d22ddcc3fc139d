import GatehouseCommon
import OAuth1
import OAuthTestSupport
import Testing

struct ResourceProtectorTests {
    static let accessToken = "nnch734d00sl2jdk"
    static let accessSecret = "pfkkdhi9sl3r4s00"
    static let resourceURI = "https://photos.example.net/photos?file=vacation.jpg&size=original"

    static func makeProtector(
        cache: any KeyValueCache = MemoryCache(),
        existsNonce: ExistsNonceFunction? = nil
    ) throws -> (OAuth1ResourceProtector, InMemoryOAuth1Store) {
        let store = InMemoryOAuth1Store(clients: [try Fixtures.client()])
        store.save(
            InMemoryOAuth1TokenCredential(
                clientID: Fixtures.clientID,
                oauthToken: accessToken,
                oauthTokenSecret: accessSecret,
                userID: "jane"
            )
        )
        let protector = OAuth1ResourceProtector(
            queryClient: { id in try await store.getClientByID(id) },
            queryToken: { clientID, token in try await store.getTokenCredential(clientID: clientID, token: token) },
            existsNonce: existsNonce ?? createExistsNonceFunc(cache),
            configuration: Fixtures.protectorConfiguration()
        )
        return (protector, store)
    }

    static func signedRequest(
        method: SignatureMethod = .hmacSHA1,
        location: OAuth1Request.ParameterLocation = .header,
        token: String = accessToken,
        secret: String = accessSecret,
        nonce: String? = nil,
        timestamp: String = Fixtures.timestamp
    ) throws -> OAuth1Request {
        try Fixtures.signer(method: method, token: token, tokenSecret: secret).request(
            method: "GET",
            uri: resourceURI,
            location: location,
            timestamp: timestamp,
            nonce: nonce
        )
    }

    @Test(arguments: [SignatureMethod.hmacSHA1, .rsaSHA1, .plaintext], [OAuth1Request.ParameterLocation.header, .body, .query])
    func validRequestIsAuthorized(method: SignatureMethod, location: OAuth1Request.ParameterLocation) async throws {
        let (protector, _) = try Self.makeProtector()
        let authorized = try await protector.validateRequest(try Self.signedRequest(method: method, location: location))
        #expect(authorized.credential.userID == "jane")
        #expect(authorized.credential.oauthToken == Self.accessToken)
        #expect(authorized.request.parameterLocation == location)
    }

    @Test func appendixARequestIsAuthorized() async throws {
        let store = InMemoryOAuth1Store(clients: [try Fixtures.client()])
        store.save(
            InMemoryOAuth1TokenCredential(
                clientID: Fixtures.clientID,
                oauthToken: Self.accessToken,
                oauthTokenSecret: Self.accessSecret,
                userID: "jane"
            )
        )
        let protector = OAuth1ResourceProtector(
            hooks: store,
            configuration: .init(allowInsecureTransport: true, clock: .fixed(secondsSince1970: 1_191_242_096))
        )
        let header =
            #"OAuth realm="http://photos.example.net/", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", oauth_signature_method="HMAC-SHA1", oauth_signature="tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D", oauth_timestamp="1191242096", oauth_nonce="kllo9940pd9333jh", oauth_version="1.0""#
        let request = try OAuth1Request(
            method: "GET",
            uri: "http://photos.example.net/photos?file=vacation.jpg&size=original",
            headers: ["authorization": header]
        )
        let authorized = try await protector.validateRequest(request)
        #expect(authorized.credential.userID == "jane")
    }

    @Test func bearerAuthorizationGetsAnOAuthChallenge() async throws {
        let (protector, _) = try Self.makeProtector()
        let request = try OAuth1Request(method: "GET", uri: Self.resourceURI, headers: ["authorization": "Bearer abc"])
        let error = await #expect(throws: OAuth1Error.self) { try await protector.validateRequest(request) }
        let response = protector.errorResponse(try #require(error))
        #expect(response.status == 401)
        #expect(response.header("WWW-Authenticate") == #"OAuth realm="Photos""#)
    }

    @Test func requestWithoutCredentialsGetsAChallenge() async throws {
        let (protector, _) = try Self.makeProtector()
        let request = try OAuth1Request(method: "GET", uri: Self.resourceURI)
        let error = await #expect(throws: OAuth1Error.self) { try await protector.validateRequest(request) }
        #expect(error?.status == 401)
    }

    @Test func replayedNonceIsRejected() async throws {
        let (protector, _) = try Self.makeProtector()
        let request = try Self.signedRequest(nonce: "same")
        _ = try await protector.validateRequest(request)
        let error = await #expect(throws: OAuth1Error.self) { try await protector.validateRequest(request) }
        #expect(error?.code == .invalidNonce)
        #expect(error?.status == 401)
    }

    @Test func badSignatureDoesNotUseUpItsNonce() async throws {
        let checked = LockedValue<[String]>([])
        let exists = createExistsNonceFunc(MemoryCache(clock: Fixtures.clock))
        let (protector, _) = try Self.makeProtector(existsNonce: { record in
            checked.withLock { $0.append(record.nonce) }
            return try await exists(record)
        })
        // A forged request (wrong token secret) carrying the nonce the real client will use next.
        let forged = await #expect(throws: OAuth1Error.self) {
            try await protector.validateRequest(try Self.signedRequest(secret: "wrong", nonce: "next"))
        }
        #expect(forged?.code == .invalidSignature)
        #expect(checked.withLock { $0 }.isEmpty)  // the nonce store was never consulted

        // The genuine request with that nonce and timestamp still goes through, once.
        let genuine = try Self.signedRequest(nonce: "next")
        #expect(try await protector.validateRequest(genuine).credential.userID == "jane")
        let replay = await #expect(throws: OAuth1Error.self) { try await protector.validateRequest(genuine) }
        #expect(replay?.code == .invalidNonce)
        #expect(checked.withLock { $0 } == ["next", "next"])
    }

    @Test func sameNonceWithAnotherTimestampIsAccepted() async throws {
        let (protector, _) = try Self.makeProtector()
        _ = try await protector.validateRequest(try Self.signedRequest(nonce: "same"))
        _ = try await protector.validateRequest(
            try Self.signedRequest(nonce: "same", timestamp: String(Int(Fixtures.now) + 1))
        )
    }

    @Test func staleTimestampIsRejected() async throws {
        let (protector, _) = try Self.makeProtector()
        let error = await #expect(throws: OAuth1Error.self) {
            try await protector.validateRequest(try Self.signedRequest(timestamp: String(Int(Fixtures.now) - 3600)))
        }
        #expect(error?.code == .invalidTimestamp)
    }

    @Test func badSignatureIsRejected() async throws {
        let (protector, _) = try Self.makeProtector()
        let error = await #expect(throws: OAuth1Error.self) {
            try await protector.validateRequest(try Self.signedRequest(secret: "wrong"))
        }
        #expect(error?.code == .invalidSignature)
    }

    @Test func unknownTokenIsRejected() async throws {
        let (protector, _) = try Self.makeProtector()
        let error = await #expect(throws: OAuth1Error.self) {
            try await protector.validateRequest(try Self.signedRequest(token: "unknown"))
        }
        #expect(error?.code == .invalidToken)
        #expect(error?.status == 401)
    }

    @Test func tokenOfAnotherClientIsRejected() async throws {
        let (protector, store) = try Self.makeProtector()
        store.register(InMemoryOAuth1Client(clientID: "other", clientSecret: "other-secret"))
        var signer = try Fixtures.signer(token: Self.accessToken, tokenSecret: Self.accessSecret)
        signer.clientID = "other"
        signer.clientSecret = "other-secret"
        let request = try signer.request(method: "GET", uri: Self.resourceURI, timestamp: Fixtures.timestamp)
        let error = await #expect(throws: OAuth1Error.self) { try await protector.validateRequest(request) }
        #expect(error?.code == .invalidToken)
    }

    @Test func unknownClientIsRejected() async throws {
        let (protector, _) = try Self.makeProtector()
        var signer = try Fixtures.signer(token: Self.accessToken, tokenSecret: Self.accessSecret)
        signer.clientID = "stranger"
        let request = try signer.request(method: "GET", uri: Self.resourceURI, timestamp: Fixtures.timestamp)
        let error = await #expect(throws: OAuth1Error.self) { try await protector.validateRequest(request) }
        #expect(error?.code == .invalidClient)
    }

    @Test func missingTokenIsRejected() async throws {
        let (protector, _) = try Self.makeProtector()
        let request = try Fixtures.signer().request(method: "GET", uri: Self.resourceURI, timestamp: Fixtures.timestamp)
        let error = await #expect(throws: OAuth1Error.self) { try await protector.validateRequest(request) }
        #expect(error?.code == .missingRequiredParameter)
        #expect(error?.status == 400)
    }

    @Test func plaintextOverHTTPIsRejected() async throws {
        let (protector, _) = try Self.makeProtector()
        let request = try Fixtures.signer(method: .plaintext, token: Self.accessToken, tokenSecret: Self.accessSecret)
            .request(method: "GET", uri: "http://photos.example.net/photos", timestamp: Fixtures.timestamp)
        let error = await #expect(throws: OAuth1Error.self) { try await protector.validateRequest(request) }
        #expect(error?.code == .insecureTransport)
    }

    @Test func concurrentReplaysPassOnlyOnce() async throws {
        let cache = MemoryCache()
        let exists = createExistsNonceFunc(cache)
        let record = TimestampNonce(nonce: "n", timestamp: Fixtures.timestamp, clientID: "c", oauthToken: "t")
        let fresh = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<50 { group.addTask { try await !exists(record) } }
            var count = 0
            for try await passed in group where passed { count += 1 }
            return count
        }
        #expect(fresh == 1)
    }

    @Test func nonceKeysDoNotCollide() {
        let a = TimestampNonce(nonce: "a-1", timestamp: "2", clientID: "c", oauthToken: nil)
        let b = TimestampNonce(nonce: "a", timestamp: "1-2", clientID: "c", oauthToken: nil)
        #expect(a.cacheKey() != b.cacheKey())
    }
}
