import Foundation
import GatehouseHummingbird
import GatehouseTesting
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OAuth1
import OAuthIntegration
import Testing

/// The OAuth 1 guard on Hummingbird (RFC 5849 §3): a request signed by a client nobody on this
/// adapter wrote (OAuthClient's session) passes with the credential in the context and in
/// `currentCredential`; a bad signature and a replayed nonce are refused as the HTTPCore guard
/// refuses them.
@Suite struct OAuth1GuardTests {
    static func router(_ provider: SQLiteProvider) -> Router<BasicOAuthRequestContext> {
        let router = Router(context: BasicOAuthRequestContext.self)
        router.group("api/oauth1").add(middleware: provider.requireOAuth1.middleware())
            .get("me") { _, context in
                "\(context.oauth.credential?.credential.userID ?? "-") \(currentCredential?.userID ?? "-")"
            }
        return router
    }

    /// Signed for `GET http://localhost/api/oauth1/me`: the authority and scheme the adapter gives
    /// a test request that names none.
    static let url = "http://localhost/api/oauth1/me"

    @Test func aSignedRequestPassesOnceAndItsReplayIsRefused() async throws {
        let provider = try await SQLiteProvider.make()
        try await Application(router: Self.router(provider)).test(.router) { client in
            let headers: HTTPFields = [.authorization: try provider.oauth1Authorization(Self.url)]
            try await client.execute(uri: "/api/oauth1/me", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "user-1 user-1")
            }
            try await client.execute(uri: "/api/oauth1/me", method: .get, headers: headers) { response in
                #expect(response.status == .unauthorized)
            }
        }
        try await provider.close()
    }

    @Test func aRequestWithoutOrWithABadSignatureIsRefused() async throws {
        let provider = try await SQLiteProvider.make()
        try await Application(router: Self.router(provider)).test(.router) { client in
            try await client.execute(uri: "/api/oauth1/me", method: .get) { response in
                #expect(response.status == .unauthorized || response.status == .badRequest)
            }
            var headers: HTTPFields = [.authorization: try provider.oauth1Authorization(Self.url)]
            headers[.authorization] = headers[.authorization]?.replacingOccurrences(of: "oauth_signature=\"", with: "oauth_signature=\"x")
            try await client.execute(uri: "/api/oauth1/me", method: .get, headers: headers) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("OAuth") == true)
            }
        }
        try await provider.close()
    }
}
