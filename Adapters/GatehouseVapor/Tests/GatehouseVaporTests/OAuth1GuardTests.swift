import Foundation
import GatehouseTesting
import GatehouseVapor
import NIOHTTP1
import OAuth1
import OAuthIntegration
import Testing
import Vapor
import VaporTesting

/// The OAuth 1 guard on Vapor (RFC 5849 §3), against a client the adapter did not write
/// (OAuthClient's session): a signed request passes once with the credential in `req.auth` and
/// `currentCredential`; its replay, a request without one and a tampered signature are refused.
@Suite struct OAuth1GuardTests {
    static func configure(_ app: Application) async throws -> SQLiteProvider {
        let provider = try await SQLiteProvider.make()
        app.grouped(provider.requireOAuth1.middleware()).get("api", "oauth1", "me") { req async -> String in
            "\(req.oauthCredential?.userID ?? "-") \(currentCredential?.userID ?? "-")"
        }
        return provider
    }

    /// Signed for `GET http://localhost/api/oauth1/me` (VaporTesting sends no Host, so the
    /// adapter's authority is `localhost`).
    static let url = "http://localhost/api/oauth1/me"

    @Test func aSignedRequestPassesOnceAndItsReplayIsRefused() async throws {
        try await withApp { app in
            let provider = try await Self.configure(app)
            let authorization = try provider.oauth1Authorization(Self.url)
            try await app.testing().test(.GET, "/api/oauth1/me", headers: ["Authorization": authorization]) { response in
                #expect(response.status == .ok)
                #expect(response.body.string == "user-1 user-1")
            }
            try await app.testing().test(.GET, "/api/oauth1/me", headers: ["Authorization": authorization]) { response in
                #expect(response.status == .unauthorized)
            }
            let tampered = try provider.oauth1Authorization(Self.url).replacingOccurrences(
                of: "oauth_signature=\"",
                with: "oauth_signature=\"x"
            )
            try await app.testing().test(.GET, "/api/oauth1/me") { response in
                #expect(response.status == .unauthorized || response.status == .badRequest)
            }
            try await app.testing().test(.GET, "/api/oauth1/me", headers: ["Authorization": tampered]) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers.first(name: "WWW-Authenticate")?.hasPrefix("OAuth") == true)
            }
            try await provider.close()
        }
    }
}
