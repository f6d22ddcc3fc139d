import GatehouseCommon
import GatehouseOperations
import OAuth1
import OAuthTestSupport
import Testing

/// The OAuth 1 timestamp window and nonce lifetimes follow the injected wall clock: a
/// ``ManualClock`` moves them, and nothing waits on real time.
struct ClockTests {
    let time = ManualClock(secondsSince1970: Fixtures.now)

    func makeProtector() throws -> OAuth1ResourceProtector {
        let store = InMemoryOAuth1Store(clients: [try Fixtures.client()])
        store.save(
            InMemoryOAuth1TokenCredential(
                clientID: Fixtures.clientID,
                oauthToken: ResourceProtectorTests.accessToken,
                oauthTokenSecret: ResourceProtectorTests.accessSecret,
                userID: "jane"
            )
        )
        var configuration = Fixtures.protectorConfiguration()
        configuration.clock = time.clock
        return OAuth1ResourceProtector(
            queryClient: { id in try await store.getClientByID(id) },
            queryToken: { clientID, token in try await store.getTokenCredential(clientID: clientID, token: token) },
            existsNonce: createExistsNonceFunc(MemoryCache(clock: time.clock)),
            configuration: configuration
        )
    }

    @Test func aTimestampIsAcceptedUntilTheClockLeavesItsWindow() async throws {
        let protector = try makeProtector()
        // Signed at `Fixtures.now`; the window is 300 seconds either way.
        _ = try await protector.validateRequest(try ResourceProtectorTests.signedRequest())
        time.advance(by: 300)
        _ = try await protector.validateRequest(try ResourceProtectorTests.signedRequest())
        time.advance(by: 1)
        let stale = await #expect(throws: OAuth1Error.self) {
            try await protector.validateRequest(try ResourceProtectorTests.signedRequest())
        }
        #expect(stale?.code == .invalidTimestamp)
    }

    @Test func aTimestampAheadOfTheClockIsAcceptedOnceTheClockCatchesUp() async throws {
        let protector = try makeProtector()
        let ahead = String(Int(Fixtures.now) + 301)
        let early = await #expect(throws: OAuth1Error.self) {
            try await protector.validateRequest(try ResourceProtectorTests.signedRequest(timestamp: ahead))
        }
        #expect(early?.code == .invalidTimestamp)
        time.advance(by: 1)
        _ = try await protector.validateRequest(try ResourceProtectorTests.signedRequest(timestamp: ahead))
    }

    @Test func aSignerOnTheSameClockStaysInsideTheWindow() async throws {
        var configuration = Fixtures.configuration()
        configuration.clock = time.clock
        let store = InMemoryOAuth1Store(clients: [try Fixtures.client()])
        let server = OAuth1AuthorizationServer(hooks: store, configuration: configuration)
        var signer = try Fixtures.signer()
        signer.clock = time.clock
        func initiate() async throws -> Int {
            let request = try signer.request(
                method: "POST",
                uri: "https://photos.example.net/initiate",
                protocolParameters: ["oauth_callback": Fixtures.callback]
            )
            return await server.createTemporaryCredentialsResponse(request).status.code
        }
        #expect(try await initiate() == 200)
        // A day later by the shared clock: the signer's `oauth_timestamp` moved with it.
        time.advance(by: 86_400)
        #expect(try await initiate() == 200)
    }

    @Test func theDefaultVerifierThrottleCountsOnTheServersClock() {
        let configuration = OAuth1AuthorizationServer.Configuration(clock: time.clock)
        #expect(configuration.verifierThrottle.clock.now == time.now)
        time.advance(by: 5)
        #expect(configuration.verifierThrottle.clock.now == time.now)
    }
}
