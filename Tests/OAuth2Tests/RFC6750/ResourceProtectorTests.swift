import FoundationEssentials
import GatehouseCommon
import OAuth2
import OAuthTestSupport
import Testing

struct ResourceProtectorTests {
    let time = ManualClock()
    let store: MemoryOAuth2Store
    let protector: ResourceProtector

    init() {
        store = AuthorizationServerFixture.makeStore(clock: time.clock)
        protector = ResourceProtector(realm: "api", clock: time.clock)
        let now = time.now
        store.insertToken(
            MemoryToken(accessToken: "good", scope: "profile email", clientID: "confidential", userID: "user-1", issuedAt: now)
        )
        store.insertToken(
            MemoryToken(
                accessToken: "old",
                scope: "profile",
                clientID: "confidential",
                issuedAt: now.addingTimeInterval(-7200),
                expiresIn: 3600
            )
        )
        store.insertToken(
            MemoryToken(accessToken: "gone", scope: "profile", clientID: "confidential", issuedAt: now, revokedAt: now)
        )
        protector.registerTokenValidator(MemoryBearerTokenValidator(store: store))
    }

    func get(_ headers: [String: String] = [:], query: [(String, String)] = []) -> OAuth2Request {
        .get("https://api.example/user", query, headers: headers)
    }

    func error(_ request: OAuth2Request, scopes: ScopeRequirement = nil) async -> OAuth2Error? {
        do {
            _ = try await protector.validateRequest(request, scopes: scopes)
            return nil
        } catch {
            return error
        }
    }

    @Test func bearerHeaderIsAccepted() async throws {
        let token = try await protector.validateRequest(get(["Authorization": "Bearer good"]), scopes: "profile")
        #expect(token?.userID == "user-1")
    }

    @Test func severalScopesInOneStringAreAllRequired() async {
        #expect(await error(get(["Authorization": "Bearer good"]), scopes: "profile email") == nil)
        #expect(await error(get(["Authorization": "Bearer good"]), scopes: "profile admin")?.code == .insufficientScope)
    }

    @Test func aListOfScopesNeedsAnyOne() async {
        #expect(await error(get(["Authorization": "Bearer good"]), scopes: ["admin", "email"]) == nil)
        #expect(await error(get(["Authorization": "Bearer good"]), scopes: ["admin", "billing"])?.code == .insufficientScope)
    }

    @Test func insufficientScopeIs403WithChallenge() async throws {
        let response = try #require(await error(get(["Authorization": "Bearer good"]), scopes: "admin")).response()
        #expect(response.status == 403)
        #expect(response.header("WWW-Authenticate")?.contains("error=\"insufficient_scope\"") == true)
        #expect(response.header("WWW-Authenticate")?.contains("scope=\"admin\"") == true)
    }

    @Test func missingTokenIs401InvalidToken() async throws {
        let response = try #require(await error(get())).response()
        #expect(response.status == 401)
        #expect(response.errorCode == "invalid_token")
        #expect(response.header("WWW-Authenticate")?.hasPrefix("Bearer realm=\"api\", error=\"invalid_token\"") == true)
    }

    @Test func optionalModeLetsAnonymousRequestsThrough() async throws {
        #expect(try await protector.validateRequest(get(), scopes: "profile", optional: true) == nil)
        await #expect(throws: OAuth2Error.self) {
            try await protector.validateRequest(get(["Authorization": "Bearer unknown"]), optional: true)
        }
    }

    @Test func unknownTokenIsInvalidToken() async {
        #expect(await error(get(["Authorization": "Bearer unknown"]))?.code == .invalidToken)
    }

    @Test func expiredTokenIsInvalidToken() async {
        let failure = await error(get(["Authorization": "Bearer old"]))
        #expect(failure?.code == .invalidToken)
        #expect(failure?.status == 401)
    }

    @Test func tokenIsAcceptedUntilItsLifetimePassesOnTheProtectorsClock() async throws {
        // "good" lives 3600 s from `time.now`.
        time.advance(by: 3599)
        #expect(try await protector.validateRequest(get(["Authorization": "Bearer good"]), scopes: "profile") != nil)
        time.advance(by: 1)
        let failure = await error(get(["Authorization": "Bearer good"]))
        #expect(failure?.code == .invalidToken)
        #expect(failure?.description == "The access token expired.")
    }

    @Test func revokedTokenIsInvalidToken() async {
        #expect(await error(get(["Authorization": "Bearer gone"]))?.code == .invalidToken)
    }

    @Test func queryTokenIsIgnoredUnlessEnabled() async throws {
        #expect(await error(get(query: [("access_token", "good")]))?.code == .invalidToken)
        let queryProtector = ResourceProtector(realm: "api", allowsQueryToken: true, clock: time.clock)
        queryProtector.registerTokenValidator(MemoryBearerTokenValidator(store: store))
        #expect(try await queryProtector.validateRequest(get(query: [("access_token", "good")])) != nil)
    }

    @Test func formBodyTokenIsAccepted() async throws {
        let request = OAuth2Request.formPost("https://api.example/notes", [("access_token", "good"), ("text", "hi")])
        #expect(try await protector.validateRequest(request, scopes: "email") != nil)
    }

    @Test func twoTokenMethodsAreInvalidRequest() async throws {
        let request = OAuth2Request.formPost(
            "https://api.example/notes",
            [("access_token", "good")],
            headers: ["Authorization": "Bearer good"]
        )
        let failure = try #require(await error(request))
        #expect(failure.code == .invalidRequest)
        #expect(failure.response().status == 400)
        #expect(failure.response().header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
    }

    @Test func emptyBearerIsInvalidRequest() async {
        #expect(await error(get(["Authorization": "Bearer"]))?.code == .invalidRequest)
    }

    @Test func otherSchemeIsInvalidToken() async {
        #expect(await error(get(["Authorization": "Basic Zm9vOmJhcg=="]))?.code == .invalidToken)
    }

    @Test func requestInvalidHookIsInvalidRequest() async {
        struct Strict: BearerTokenValidator {
            func authenticateToken(_ tokenString: String) async throws -> (any OAuth2Token)? { nil }
            func requestInvalid(_ request: OAuth2Request) async throws -> Bool { request.header("x-bad") != nil }
        }
        let strict = ResourceProtector()
        strict.registerTokenValidator(Strict())
        do {
            _ = try await strict.validateRequest(get(["Authorization": "Bearer x", "X-Bad": "1"]))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidRequest)
        }
    }

    @Test func tokenAuthenticatedSignalIsFired() async throws {
        let recorder = SignalRecorder()
        protector.addObserver(recorder.observer)
        _ = try await protector.validateRequest(get(["Authorization": "Bearer good"]))
        let signals = await recorder.signals()
        #expect(signals.count == 1)
        if case .tokenAuthenticated(let token) = signals.first {
            #expect(token.accessToken == "good")
        } else {
            Issue.record("wrong signal")
        }
    }

    @Test func scopeRequirementLiterals() {
        let none: ScopeRequirement = nil
        #expect(none.isSatisfied(by: nil))
        #expect(ScopeRequirement.all("a b").isSatisfied(by: "b a c"))
        #expect(!ScopeRequirement.all("a b").isSatisfied(by: "a"))
        #expect(ScopeRequirement.anyOf(["x", "a b"]).isSatisfied(by: "a b"))
    }
}
