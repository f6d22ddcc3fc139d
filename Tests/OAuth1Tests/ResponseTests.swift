import GatehouseCommon
import OAuth1
import Testing

struct ResponseTests {
    @Test(arguments: [
        ("http://printer.example.com/ready", "http://printer.example.com/ready?oauth_token=a%20b&oauth_verifier=v"),
        ("http://printer.example.com/ready?x=1", "http://printer.example.com/ready?x=1&oauth_token=a%20b&oauth_verifier=v"),
        ("http://printer.example.com/ready?", "http://printer.example.com/ready?oauth_token=a%20b&oauth_verifier=v"),
        ("http://printer.example.com/ready#top", "http://printer.example.com/ready?oauth_token=a%20b&oauth_verifier=v#top"),
    ])
    func redirectAddsParametersToTheCallbackQuery(_ callback: String, _ expected: String) {
        let response = OAuth1Response.redirect(to: callback, adding: ["oauth_token": "a b", "oauth_verifier": "v"])
        #expect(response.status == 302)
        #expect(response.header("location") == expected)
    }

    @Test func formResponseIsNotCacheable() throws {
        let response = OAuth1Response.form(["oauth_token": "t", "oauth_callback_confirmed": "true"])
        #expect(response.status == 200)
        #expect(response.bodyText == "oauth_token=t&oauth_callback_confirmed=true")
        #expect(response.header("cache-control") == "no-store")
        #expect(response.header("pragma") == "no-cache")
    }
}

struct TemporaryCredentialCacheTests {
    @Test func credentialRoundTripsThroughTheCache() async throws {
        let store = OAuth1TemporaryCredentialCache(cache: MemoryCache())
        let created = try await store.create(
            clientID: "c",
            oauthToken: "t",
            oauthTokenSecret: "s&=",
            callback: "http://x.example/cb?a=1"
        )
        let verifier = try await store.createAuthorizationVerifier(for: created, grantUser: "jane")
        let loaded = try #require(try await store.get("t"))
        #expect(loaded.oauthTokenSecret == "s&=")
        #expect(loaded.redirectURI == "http://x.example/cb?a=1")
        #expect(loaded.userID == "jane")
        #expect(loaded.checkVerifier(verifier))
        #expect(!loaded.checkVerifier(verifier + "x"))
        try await store.delete("t")
        #expect(try await store.get("t") == nil)
    }

    @Test func expiredCredentialIsGone() async throws {
        let clock = ManualClock()
        let store = OAuth1TemporaryCredentialCache(cache: MemoryCache(clock: clock.clock), expiresIn: 60)
        _ = try await store.create(clientID: "c", oauthToken: "t", oauthTokenSecret: "s", callback: nil)
        clock.advance(by: 59)
        #expect(try await store.get("t") != nil)
        clock.advance(by: 2)
        #expect(try await store.get("t") == nil)
    }

    @Test func credentialWithoutVerifierNeverMatches() {
        let record = OAuth1TemporaryCredentialRecord(clientID: "c", oauthToken: "t", oauthTokenSecret: "s")
        #expect(!record.checkVerifier(""))
        #expect(!record.checkVerifier("anything"))
    }
}
