import Foundation
import GatehouseHummingbird
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OAuth1
import OAuthClient
import OAuthIntegration
import OAuthStores
import Testing

/// The OAuth 1 guard on Hummingbird (RFC 5849 §3): a request signed by a client nobody on this
/// adapter wrote (OAuthClient's session) passes with the credential in the context and in
/// `currentCredential`; a bad signature and a replayed nonce are refused as the HTTPCore guard
/// refuses them.
@Suite struct OAuth1GuardTests {
    struct Provider: Sendable {
        let store: SQLStore
        let session: OAuth1Session
    }

    static func provider() async throws -> (Provider, Router<BasicOAuthRequestContext>) {
        let store = try await SQLStore.open(":memory:")
        try await store.migrate()
        let (client, secret) = try await store.createOAuth1Client(name: "hb", callbackURIs: ["https://client.example/cb"], ownerUserID: nil)
        let token = try await store.insertOAuth1TokenCredential(
            clientID: client.clientID,
            oauthToken: "token-1",
            oauthTokenSecret: "token-secret-1",
            userID: "user-1"
        )
        let protector = OAuth1ResourceProtector(hooks: store.oauth1ResourceProtectorHooks())
        protector.configuration.allowInsecureTransport = true
        let router = Router(context: BasicOAuthRequestContext.self)
        router.group("api/oauth1").add(middleware: protector.middleware())
            .get("me") { _, context in
                "\(context.oauth.credential?.credential.userID ?? "-") \(currentCredential?.userID ?? "-")"
            }
        let session = OAuth1Session(
            clientID: client.clientID,
            clientSecret: secret,
            token: OAuth1Token(oauthToken: token.oauthToken, oauthTokenSecret: token.oauthTokenSecret)
        )
        return (Provider(store: store, session: session), router)
    }

    /// The session's signed header fields for `GET http://localhost/api/oauth1/me` (the authority
    /// and scheme the adapter gives a test request that names none).
    static func signed(_ session: OAuth1Session) throws -> HTTPFields {
        try session.sign(OAuthClientRequest(method: .get, url: "http://localhost/api/oauth1/me")).headers
    }

    @Test func aSignedRequestPassesOnceAndItsReplayIsRefused() async throws {
        let (provider, router) = try await Self.provider()
        try await Application(router: router).test(.router) { client in
            let headers = try Self.signed(provider.session)
            try await client.execute(uri: "/api/oauth1/me", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "user-1 user-1")
            }
            try await client.execute(uri: "/api/oauth1/me", method: .get, headers: headers) { response in
                #expect(response.status == .unauthorized)
            }
        }
        try await provider.store.close()
    }

    @Test func aRequestWithoutOrWithABadSignatureIsRefused() async throws {
        let (provider, router) = try await Self.provider()
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/api/oauth1/me", method: .get) { response in
                #expect(response.status == .unauthorized || response.status == .badRequest)
            }
            var headers = try Self.signed(provider.session)
            headers[.authorization] = headers[.authorization]?.replacingOccurrences(of: "oauth_signature=\"", with: "oauth_signature=\"x")
            try await client.execute(uri: "/api/oauth1/me", method: .get, headers: headers) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("OAuth") == true)
            }
        }
        try await provider.store.close()
    }
}
