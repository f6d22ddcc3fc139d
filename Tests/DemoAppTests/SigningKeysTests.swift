import Foundation
import GatehouseJOSE
import JWTKit
import NIOHTTP1
import OAuth2
import Testing

/// The demo's JOSE signing keys: `/oauth/jwks` publishes an RS256 and an ES256 key (public parts,
/// `kid`, `use: sig`, `alg`), the metadata names it, and `rotate-keys` makes new keys current while
/// the previous ones stay published.
@Suite(.serialized)
struct SigningKeysTests {
    static func publishedKeys(_ base: String) async throws -> [[String: String]] {
        let response = try await CookieJarClient(base: base).get("/oauth/jwks")
        #expect(response.status == 200)
        #expect(response.header("content-type")?.hasPrefix("application/json") == true)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: [[String: String]]])
        return try #require(object["keys"])
    }

    @Test func jwksPublishesTheSigningKeysAndRotationKeepsThePreviousOnes() async throws {
        try await SeededDemo.with { demo in
            let keys = try await Self.publishedKeys(demo.base)
            #expect(Set(keys.compactMap { $0["alg"] }) == ["RS256", "ES256"])
            #expect(keys.allSatisfy { $0["use"] == "sig" && $0["kid"]?.count == 43 && $0["d"] == nil && $0["p"] == nil })
            let metadata = try await demo.browser().get("/.well-known/oauth-authorization-server").json()
            #expect(metadata["jwks_uri"] as? String == demo.base + "/oauth/jwks")

            let rotated = try await demo.command(["rotate-keys", "--retire-after", "2h"])
            #expect(rotated.status == 0, "\(rotated.output)")
            let lines = rotated.output.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            #expect(lines.count == 2)
            #expect(Set(lines.compactMap { $0["retired_kid"] as? String }) == Set(keys.compactMap { $0["kid"] }))
            #expect(lines.allSatisfy { $0["retire_after"] as? Int == 7_200 })
            let newKIDs = Set(lines.compactMap { $0["kid"] as? String })

            // A node started after the rotation publishes the new keys and the retiring ones.
            let second = try await DemoProcess.serve(in: demo.directory)
            let afterRotation = try await Self.publishedKeys("http://127.0.0.1:\(second.port)")
            #expect(await second.stop() == 0)
            #expect(Set(afterRotation.compactMap { $0["kid"] }) == newKIDs.union(keys.compactMap { $0["kid"] }))

            let refused = try await demo.command(["rotate-keys", "--retire-after", "soon"])
            #expect(refused.status != 0 && refused.output.contains("--retire-after"))
        }
    }
}

extension SigningKeysTests {
    /// `OAUTH2_ACCESS_TOKEN_FORMAT=jwt`: RFC 9068 access tokens signed with the published keys,
    /// accepted by the demo's own API, and refused there once revoked.
    @Test func jwtAccessTokensVerifyWithTheJWKSAndARevokedOneIsRefused() async throws {
        try await SeededDemo.with(environment: ["OAUTH2_ACCESS_TOKEN_FORMAT": "jwt"]) { demo in
            let token = try #require(try await demo.passwordToken(scope: "profile")["access_token"] as? String)
            let header = try JOSEHeader(compact: token)
            #expect(header.typ == "at+jwt" && header.alg == "RS256")

            let jwks = try await demo.browser().get("/oauth/jwks").body
            let keys = JWTKeyCollection()
            try await keys.add(jwksJSON: jwks)
            let claims = try await keys.verify(token, as: JWTAccessTokenClaims.self)
            #expect(claims.iss == demo.base && claims.aud == [demo.base] && claims.clientID == demo.clientID)
            #expect(claims.scope == "profile" && claims.exp > claims.iat)

            let me = try await demo.api(.GET, "/api/me", bearer: token)
            #expect(me.status == 200)
            #expect(claims.sub == me.field("id") as? String)

            let revoked = try await demo.browser().post("/oauth/revoke", form: [("token", token)], headers: [("Authorization", demo.basic)])
            #expect(revoked.status == 200)
            #expect(try await demo.api(.GET, "/api/me", bearer: token).status == 401)
            #expect(try await !demo.isActive(token))
        }
    }
}
