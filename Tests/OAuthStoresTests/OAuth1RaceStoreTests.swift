import GatehouseCommon
import OAuth1
import OAuthStores
import OAuthTestSupport
import Testing

/// The SQL hooks make an OAuth 1 temporary credential single use under races: many concurrent token
/// requests with one verifier get one token credential, and concurrent approvals authorize it once.
struct OAuth1RaceStoreTests {
    static let base = OAuth1StoreTests.base

    @Test(arguments: TestDatabase.enabled)
    func concurrentExchangesOfOneVerifierIssueOneTokenCredential(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let client = try await OAuth1StoreTests.makeClient(store)
            let server = OAuth1AuthorizationServer(hooks: store.oauth1ServerHooks())
            let user = uniqueKey("jane")
            let (token, secret) = try await OAuth1StoreTests.temporaryCredential(server, client: client)
            let page = try OAuth1Request(method: "GET", uri: Self.base + "/authorize?oauth_token=\(token)")
            let redirect = await server.createAuthorizationResponse(page, grantUser: user)
            let location = try #require(redirect.header("Location"))
            let verifier = try #require(
                try FormURLEncoding.decode(location.split(separator: "?", maxSplits: 1).last ?? "")["oauth_verifier"]
            )

            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<12 {
                    let request = try OAuth1StoreTests.signer(client, token: token, tokenSecret: secret).request(
                        method: "POST",
                        uri: Self.base + "/token",
                        protocolParameters: ["oauth_verifier": verifier]
                    )
                    group.addTask { await server.createTokenResponse(request).status.code }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == 401 }.count == 11, "\(statuses)")
            #expect(try await store.oauth1TokenCredentials(userID: user).count == 1)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func concurrentApprovalsAuthorizeOnceAndALaterOneIsRefused(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let client = try await OAuth1StoreTests.makeClient(store)
            let server = OAuth1AuthorizationServer(hooks: store.oauth1ServerHooks())
            let (token, _) = try await OAuth1StoreTests.temporaryCredential(server, client: client)
            let page = try OAuth1Request(method: "GET", uri: Self.base + "/authorize?oauth_token=\(token)")
            let statuses = await withTaskGroup(of: Int.self) { group in
                for user in 0..<8 {
                    group.addTask { await server.createAuthorizationResponse(page, grantUser: uniqueKey("user\(user)")).status.code }
                }
                return await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 302 }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == 401 }.count == 7, "\(statuses)")
            let later = await server.createAuthorizationResponse(page, grantUser: uniqueKey("mallory"))
            #expect(later.status == 401)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func sqlCacheTakesOnceAndReplacesOnlyTheExpectedValue(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let cache = SQLCache(store: store)
            let key = uniqueKey("cas")
            try await cache.set(key, "v1", expires: 60)
            #expect(try await cache.replace(key, expected: "other", with: "v2", expires: 60) == false)
            #expect(try await cache.replace(key, expected: "v1", with: "v2", expires: 60))
            let takes = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<8 { group.addTask { try await cache.take(key) } }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(takes.compactMap { $0 } == ["v2"])
            #expect(try await cache.get(key) == nil)
        }
    }
}
