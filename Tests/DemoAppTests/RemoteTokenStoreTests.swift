import DemoModel
import Foundation
import GatehouseCommon
import OAuthClient
import OAuthIntegration
import OAuthStores
import SQLKit
import Testing

/// DemoApp's `RemoteTokenStore`: the seeds' OAuth1Token/OAuth2Token tables, per user and remote
/// app, token secrets sealed at rest, refreshes recorded.
struct RemoteTokenStoreTests {
    static let secret = "the demo's SECRET_KEY, long enough for the test"

    static func withStore(_ body: (SQLStore, ManualClock) async throws -> Void) async throws {
        let time = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let store = try await SQLStore.open("sqlite::memory:", clock: time.clock)
        do {
            try await store.migrate(Schema.migrations + UserStore.migrations)
            try await body(store, time)
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }

    @Test func oauth2TokensAreStoredSealedReadBackAndRefreshed() async throws {
        try await Self.withStore { store, time in
            let tokens = RemoteTokenStore(store: store, secret: Self.secret)
            let token = Token(accessToken: "at-1", refreshToken: "rt-1", expiresAt: 1_800_003_600, scope: "profile")
            try await tokens.save(.oauth2(token), userID: "alice", name: "github")
            #expect(try await tokens.token(userID: "alice", name: "github") == .oauth2(token))
            #expect(try await tokens.token(userID: "bob", name: "github") == nil)
            #expect(try await tokens.token(userID: "alice", name: "twitter") == nil)

            let raw = try await store.read { database in
                try await database.raw("SELECT access_token, refresh_token FROM demo_oauth2_tokens").all().map {
                    [try $0.decode(column: "access_token", as: String.self), try $0.decode(column: "refresh_token", as: String.self)]
                }
            }
            #expect(raw.count == 1 && raw[0].allSatisfy { $0.hasPrefix("v1.") } && !raw[0].contains("at-1") && !raw[0].contains("rt-1"))

            let before = try #require(try await tokens.connections(userID: "alice").first)
            #expect(before.name == "github" && before.protocolName == "OAuth 2.0" && before.refreshedAt == nil)
            #expect(before.connectedAt == Date(timeIntervalSince1970: 1_800_000_000))

            // A refresh answered without a new refresh token keeps the stored one (RFC 6749 §6).
            time.advance(by: .seconds(3_700))
            let refreshed = Token(accessToken: "at-2", expiresAt: 1_800_007_300)
            try await tokens.saveRefreshed(refreshed, previous: token, userID: "alice", name: "github")
            let stored = try #require(try await tokens.token(userID: "alice", name: "github")?.oauth2)
            #expect(stored.accessToken == "at-2" && stored.refreshToken == "rt-1")
            let after = try #require(try await tokens.connections(userID: "alice").first)
            #expect(after.refreshedAt == Date(timeIntervalSince1970: 1_800_003_700))
            #expect(after.connectedAt == before.connectedAt, "a refresh keeps when the user connected")
        }
    }

    @Test func oauth1CredentialsReplaceAnOAuth2TokenOfTheSameAppAndRemoveForgetsThem() async throws {
        try await Self.withStore { store, _ in
            let tokens = RemoteTokenStore(store: store, secret: Self.secret)
            try await tokens.save(.oauth2(Token(accessToken: "at")), userID: "alice", name: "printer")
            let credentials = OAuth1Token(oauthToken: "tok", oauthTokenSecret: "tok-secret")
            try await tokens.save(.oauth1(credentials), userID: "alice", name: "printer")
            #expect(try await tokens.token(userID: "alice", name: "printer") == .oauth1(credentials))
            #expect(try await tokens.connections(userID: "alice").map(\.protocolName) == ["OAuth 1.0"])
            #expect(try await tokens.remove(userID: "alice", name: "printer") == .oauth1(credentials))
            #expect(try await tokens.token(userID: "alice", name: "printer") == nil)
            #expect(try await tokens.connections(userID: "alice").isEmpty)
            #expect(try await tokens.remove(userID: "alice", name: "printer") == nil)
        }
    }

    @Test func anotherSecretOrACopiedRowReadsAsNoToken() async throws {
        try await Self.withStore { store, _ in
            try await RemoteTokenStore(store: store, secret: Self.secret)
                .save(.oauth2(Token(accessToken: "alice-token")), userID: "alice", name: "github")
            #expect(try await RemoteTokenStore(store: store, secret: "another secret").token(userID: "alice", name: "github") == nil)

            // Mallory copies Alice's sealed token into her own row: it does not open there.
            try await store.write { database in
                try await database.raw(
                    """
                    INSERT INTO demo_oauth2_tokens (user_id, name, token_type, access_token, connected_at)
                    SELECT 'mallory', name, token_type, access_token, connected_at FROM demo_oauth2_tokens WHERE user_id = 'alice'
                    """
                ).run()
            }
            #expect(try await RemoteTokenStore(store: store, secret: Self.secret).token(userID: "mallory", name: "github") == nil)
        }
    }
}
