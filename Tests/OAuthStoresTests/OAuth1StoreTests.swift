import Foundation
import GatehouseCommon
import OAuth1
import OAuthStores
import OAuthTestSupport
import Testing

struct OAuth1StoreTests {
    static let callback = "http://printer.example.com/ready"
    static let base = "https://photos.example.net"

    static func makeClient(_ store: SQLStore, owner: String? = nil) async throws -> SQLOAuth1Client {
        try await store.createOAuth1Client(name: "Printer", callbackURIs: [callback], ownerUserID: owner ?? uniqueKey("developer")).client
    }

    static func signer(_ client: SQLOAuth1Client, token: String? = nil, tokenSecret: String = "") -> OAuth1RequestSigner {
        OAuth1RequestSigner(clientID: client.clientID, clientSecret: client.clientSecret, token: token, tokenSecret: tokenSecret)
    }

    /// RFC 5849 §2.1: a temporary credential for `client`.
    static func temporaryCredential(
        _ server: OAuth1AuthorizationServer,
        client: SQLOAuth1Client
    ) async throws -> (token: String, secret: String) {
        let initiate = await server.createTemporaryCredentialsResponse(
            try signer(client).request(method: "POST", uri: base + "/initiate", protocolParameters: ["oauth_callback": callback])
        )
        guard initiate.status == 200 else { throw FixtureError("initiate: \(initiate.status) \(initiate.bodyText)") }
        let temporary = try initiate.formParameters()
        return (try #require(temporary["oauth_token"]), try #require(temporary["oauth_token_secret"]))
    }

    /// Runs the three-legged flow (RFC 5849 §2) granting `user`; returns the token credential.
    static func runFlow(
        _ server: OAuth1AuthorizationServer,
        client: SQLOAuth1Client,
        user: String
    ) async throws -> (token: String, secret: String) {
        let (token, secret) = try await temporaryCredential(server, client: client)
        let authorize = try OAuth1Request(method: "GET", uri: base + "/authorize?oauth_token=\(token)")
        let redirect = await server.createAuthorizationResponse(authorize, grantUser: user)
        let location = try #require(redirect.header("Location"))
        let verifier = try #require(try FormURLEncoding.decode(location.split(separator: "?", maxSplits: 1).last ?? "")["oauth_verifier"])
        let exchange = await server.createTokenResponse(
            try signer(client, token: token, tokenSecret: secret).request(
                method: "POST",
                uri: base + "/token",
                protocolParameters: ["oauth_verifier": verifier]
            )
        )
        guard exchange.status == 200 else { throw FixtureError("token: \(exchange.status) \(exchange.bodyText)") }
        let credential = try exchange.formParameters()
        return (try #require(credential["oauth_token"]), try #require(credential["oauth_token_secret"]))
    }

    @Test(arguments: TestDatabase.enabled)
    func threeLeggedFlowIssuesATokenCredentialThatProtectsResources(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let client = try await Self.makeClient(store)
            let server = OAuth1AuthorizationServer(hooks: store.oauth1ServerHooks())
            let user = uniqueKey("jane")
            let (token, secret) = try await Self.runFlow(server, client: client, user: user)

            let stored = try #require(try await store.queryToken(clientID: client.clientID, token: token))
            #expect(stored.userID == user)
            #expect(stored.oauthTokenSecret == secret)
            #expect(try await store.queryToken(clientID: uniqueKey("other"), token: token) == nil)

            let protector = OAuth1ResourceProtector(hooks: store.oauth1ResourceProtectorHooks())
            let resource = try Self.signer(client, token: token, tokenSecret: secret).request(
                method: "GET",
                uri: Self.base + "/photos?size=original"
            )
            let authorized = try await protector.validateRequest(resource)
            #expect(authorized.credential.userID == user)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func temporaryCredentialLivesInTheSharedCacheAndIsDeletedAfterExchange(database: TestDatabase) async throws {
        try await database.withTwoNodes { nodeA, nodeB throws in
            let client = try await Self.makeClient(nodeA)
            let serverA = OAuth1AuthorizationServer(hooks: nodeA.oauth1ServerHooks())
            let serverB = OAuth1AuthorizationServer(hooks: nodeB.oauth1ServerHooks())
            // Initiate on node A, authorize on node B, exchange on node A.
            let initiate = await serverA.createTemporaryCredentialsResponse(
                try Self.signer(client).request(
                    method: "POST",
                    uri: Self.base + "/initiate",
                    protocolParameters: ["oauth_callback": Self.callback]
                )
            )
            let temporary = try initiate.formParameters()
            let token = try #require(temporary["oauth_token"])
            let secret = try #require(temporary["oauth_token_secret"])
            let authorize = try OAuth1Request(method: "GET", uri: Self.base + "/authorize?oauth_token=\(token)")
            #expect(try await serverB.checkAuthorizationRequest(authorize).clientID == client.clientID)
            let redirect = await serverB.createAuthorizationResponse(authorize, grantUser: "jane")
            let location = try #require(redirect.header("Location"))
            let verifier = try #require(
                try FormURLEncoding.decode(location.split(separator: "?", maxSplits: 1).last ?? "")["oauth_verifier"]
            )
            #expect(try await SQLCache(store: nodeA).get("temporary_credential:" + token) != nil)
            let exchange = await serverA.createTokenResponse(
                try Self.signer(client, token: token, tokenSecret: secret).request(
                    method: "POST",
                    uri: Self.base + "/token",
                    protocolParameters: ["oauth_verifier": verifier]
                )
            )
            #expect(exchange.status == 200, "\(exchange.bodyText)")
            #expect(try await SQLCache(store: nodeB).get("temporary_credential:" + token) == nil)
            let issued = try #require(try exchange.formParameters()["oauth_token"])
            #expect(try await nodeB.queryToken(clientID: client.clientID, token: issued)?.userID == "jane")
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func nonceUsedOnOneNodeIsRefusedOnTheOther(database: TestDatabase) async throws {
        try await database.withTwoNodes { nodeA, nodeB throws in
            let client = try await Self.makeClient(nodeA)
            let (token, secret) = try await Self.runFlow(
                OAuth1AuthorizationServer(hooks: nodeA.oauth1ServerHooks()),
                client: client,
                user: uniqueKey("jane")
            )
            let protectorA = OAuth1ResourceProtector(hooks: nodeA.oauth1ResourceProtectorHooks())
            let protectorB = OAuth1ResourceProtector(hooks: nodeB.oauth1ResourceProtectorHooks())
            let request = try Self.signer(client, token: token, tokenSecret: secret).request(
                method: "GET",
                uri: Self.base + "/photos",
                nonce: uniqueKey("nonce")
            )
            _ = try await protectorA.validateRequest(request)
            await #expect(throws: OAuth1Error.self) { _ = try await protectorB.validateRequest(request) }
            await #expect(throws: OAuth1Error.self) { _ = try await protectorA.validateRequest(request) }
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func existsNonceIsAtomicUnderConcurrency(database: TestDatabase) async throws {
        try await database.withTwoNodes { nodeA, nodeB throws in
            let nonce = TimestampNonce(nonce: uniqueKey("n"), timestamp: "1700000000", clientID: "c", oauthToken: nil)
            let fresh = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<20 {
                    group.addTask { try await !(index.isMultiple(of: 2) ? nodeA : nodeB).existsNonce(nonce) }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(fresh == 1)
            // Another token, timestamp or client makes it a different nonce.
            var other = nonce
            other.oauthToken = "t"
            #expect(try await !nodeA.existsNonce(other))
            other.timestamp = "1700000001"
            #expect(try await !nodeA.existsNonce(other))
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func closureHooksOfTheSeedWork(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let client = try await Self.makeClient(store)
            let (token, secret) = try await Self.runFlow(
                OAuth1AuthorizationServer(hooks: store.oauth1ServerHooks()),
                client: client,
                user: "u"
            )
            let protector = OAuth1ResourceProtector(
                queryClient: { try await store.oauth1Client(id: $0) },
                queryToken: { try await store.queryToken(clientID: $0, token: $1) },
                existsNonce: { try await store.existsNonce($0) }
            )
            let request = try Self.signer(client, token: token, tokenSecret: secret).request(method: "GET", uri: Self.base + "/photos")
            #expect(try await protector.validateRequest(request).credential.oauthToken == token)
        }
    }

    @Test(arguments: TestDatabase.enabled)
    func clientsAndTokenCredentialsAreListedAndRevokedByTheirOwners(database: TestDatabase) async throws {
        try await database.withStore { store throws in
            let developer = uniqueKey("developer")
            let client = try await Self.makeClient(store, owner: developer)
            #expect(client.clientSecret.count == 48)
            #expect(try await store.oauth1Clients(ownerUserID: developer) == [client])
            #expect(try await store.oauth1Client(id: client.clientID)?.checkCallback(Self.callback) == true)
            #expect(try await store.oauth1Client(id: client.clientID)?.checkCallback("https://evil.example/") == false)

            let user = uniqueKey("jane")
            let (token, _) = try await Self.runFlow(OAuth1AuthorizationServer(hooks: store.oauth1ServerHooks()), client: client, user: user)
            #expect(try await store.oauth1TokenCredentials(userID: user).map(\.oauthToken) == [token])
            #expect(try await !store.revokeOAuth1TokenCredential(token, userID: uniqueKey("intruder")))
            #expect(try await store.revokeOAuth1TokenCredential(token, userID: user))
            #expect(try await store.queryToken(clientID: client.clientID, token: token) == nil)
            #expect(try await store.deleteOAuth1Client(id: client.clientID, ownerUserID: developer))
            #expect(try await store.oauth1Client(id: client.clientID) == nil)
        }
    }
}
