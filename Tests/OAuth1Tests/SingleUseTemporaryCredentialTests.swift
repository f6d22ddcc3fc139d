import GatehouseCommon
import OAuth1
import OAuthTestSupport
import Testing

/// A temporary credential is authorized at most once and exchanged at most once, also under races
/// (RFC 5849 §2.2, §2.3): the hooks consume it atomically and authorize it by compare and swap.
struct SingleUseTemporaryCredentialTests {
    /// The two kinds of hooks: the application's own store, and the cache-backed defaults.
    enum Hooks: String, CaseIterable, Sendable {
        case ownStore, cacheDefaults

        func server() throws -> (OAuth1AuthorizationServer, tokenOwners: @Sendable () -> [String?]) {
            let configuration = Fixtures.configuration()
            switch self {
            case .ownStore:
                let store = InMemoryOAuth1Store(clients: [try Fixtures.client()])
                return (OAuth1AuthorizationServer(hooks: store, configuration: configuration), { store.tokenCredentialUsers })
            case .cacheDefaults:
                let store = CachedOAuth1Store(clients: [try Fixtures.client()])
                return (
                    OAuth1AuthorizationServer(hooks: store, configuration: configuration),
                    { store.tokenCredentials.map(\.userID) }
                )
            }
        }
    }

    @Test(arguments: Hooks.allCases)
    func concurrentExchangesOfOneVerifierIssueOneTokenCredential(hooks: Hooks) async throws {
        let (server, tokenOwners) = try hooks.server()
        let authorized = try await server.authorize(user: "jane")
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for attempt in 0..<16 {
                group.addTask { try await server.exchange(authorized, nonce: "race-\(attempt)").status.code }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 200 }.count == 1, "\(statuses)")
        #expect(statuses.filter { $0 == 401 }.count == 15, "\(statuses)")
        #expect(tokenOwners() == ["jane"])
    }

    @Test(arguments: Hooks.allCases)
    func anAuthorizedCredentialCannotBeAuthorizedAgainByAnotherUser(hooks: Hooks) async throws {
        let (server, tokenOwners) = try hooks.server()
        let authorized = try await server.authorize(user: "jane")
        let page = try OAuth1Request(method: "GET", uri: "https://photos.example.net/authorize?oauth_token=\(authorized.token)")

        await #expect(throws: OAuth1Error.alreadyAuthorized()) { try await server.checkAuthorizationRequest(page) }
        let second = await server.createAuthorizationResponse(page, grantUser: "mallory")
        #expect(second.status == 401)
        #expect(try second.formParameters()["error"] == "invalid_token")
        #expect(second.header("Location") == nil)

        // The first user's verifier still works, and the credential is hers.
        let exchanged = try await server.exchange(authorized)
        #expect(exchanged.status == 200, "\(exchanged.bodyText)")
        #expect(tokenOwners() == ["jane"])
    }

    @Test(arguments: Hooks.allCases)
    func concurrentApprovalsAuthorizeTheCredentialOnce(hooks: Hooks) async throws {
        let (server, _) = try hooks.server()
        let initiate = await server.createTemporaryCredentialsResponse(try Fixtures.initiateRequest())
        let token = try #require(try initiate.formParameters()["oauth_token"])
        let page = try OAuth1Request(method: "GET", uri: "https://photos.example.net/authorize?oauth_token=\(token)")
        let statuses = await withTaskGroup(of: Int.self) { group in
            for user in 0..<8 {
                group.addTask { await server.createAuthorizationResponse(page, grantUser: "user-\(user)").status.code }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 302 }.count == 1, "\(statuses)")
        #expect(statuses.filter { $0 == 401 }.count == 7, "\(statuses)")
    }

    @Test func aCacheTakesAnEntryOnceAndReplacesOnlyTheExpectedValue() async throws {
        let cache = MemoryCache()
        try await cache.set("k", "v1", expires: 60)
        #expect(try await cache.replace("k", expected: "other", with: "v2", expires: 60) == false)
        #expect(try await cache.replace("k", expected: "v1", with: "v2", expires: 60))
        #expect(try await cache.get("k") == "v2")
        #expect(try await cache.take("k") == "v2")
        #expect(try await cache.take("k") == nil)
        #expect(try await cache.replace("k", expected: "v2", with: "v3", expires: 60) == false)
    }
}
