import Foundation
import GatehouseVapor
import NIOHTTP1
import OAuth1
import OAuthClient
import OAuthIntegration
import OAuthStores
import Testing
import Vapor
import VaporTesting

/// The OAuth 1 guard on Vapor (RFC 5849 §3), against a client the adapter did not write
/// (OAuthClient's session): a signed request passes once with the credential in `req.auth` and
/// `currentCredential`; its replay and a tampered signature are refused.
@Suite struct OAuth1GuardTests {
    static func configure(_ app: Application) async throws -> (SQLStore, OAuth1Session) {
        let store = try await SQLStore.open(":memory:")
        try await store.migrate()
        let (client, secret) = try await store.createOAuth1Client(
            name: "vapor",
            callbackURIs: ["https://client.example/cb"],
            ownerUserID: nil
        )
        let token = try await store.insertOAuth1TokenCredential(
            clientID: client.clientID,
            oauthToken: "token-1",
            oauthTokenSecret: "token-secret-1",
            userID: "user-1"
        )
        let protector = OAuth1ResourceProtector(hooks: store.oauth1ResourceProtectorHooks())
        protector.configuration.allowInsecureTransport = true
        app.grouped(protector.middleware()).get("api", "oauth1", "me") { req async -> String in
            "\(req.oauthCredential?.userID ?? "-") \(currentCredential?.userID ?? "-")"
        }
        let session = OAuth1Session(
            clientID: client.clientID,
            clientSecret: secret,
            token: OAuth1Token(oauthToken: token.oauthToken, oauthTokenSecret: token.oauthTokenSecret)
        )
        return (store, session)
    }

    /// The signed `Authorization` for `GET http://localhost/api/oauth1/me` (VaporTesting sends no
    /// Host, so the adapter's authority is `localhost`).
    static func authorization(_ session: OAuth1Session) throws -> String {
        try #require(try session.sign(OAuthClientRequest(method: .get, url: "http://localhost/api/oauth1/me")).headers[.authorization])
    }

    @Test func aSignedRequestPassesOnceAndItsReplayIsRefused() async throws {
        try await withApp { app in
            let (store, session) = try await Self.configure(app)
            let authorization = try Self.authorization(session)
            try await app.testing().test(.GET, "/api/oauth1/me", headers: ["Authorization": authorization]) { response in
                #expect(response.status == .ok)
                #expect(response.body.string == "user-1 user-1")
            }
            try await app.testing().test(.GET, "/api/oauth1/me", headers: ["Authorization": authorization]) { response in
                #expect(response.status == .unauthorized)
            }
            let tampered = try Self.authorization(session).replacingOccurrences(of: "oauth_signature=\"", with: "oauth_signature=\"x")
            try await app.testing().test(.GET, "/api/oauth1/me", headers: ["Authorization": tampered]) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers.first(name: "WWW-Authenticate")?.hasPrefix("OAuth") == true)
            }
            try await store.close()
        }
    }
}
