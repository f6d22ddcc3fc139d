import Foundation
import GatehouseJOSE
import JWTKit
import Testing

/// `PublicKeySet`: another server's JWKS document as a verifier, with the same header rules as the
/// server's own key set, and only the keys Gatehouse accepts.
struct PublicKeySetTests {
    struct Claims: JWTPayload, Equatable {
        var sub: String
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    @Test func theJWKSOfAKeySetVerifiesItsTokens() async throws {
        let keys = try await KeySet(current: [try .generate(.es256), try .generate(.edDSA)])
        let published = try await PublicKeySet(jwksJSON: keys.jwksJSON)
        #expect(Set(published.algorithms.values) == [.es256, .edDSA])
        for algorithm in [SigningAlgorithm.es256, .edDSA] {
            let token = try await keys.sign(Claims(sub: "alice"), algorithm: algorithm)
            #expect(try await published.verify(token, as: Claims.self) == Claims(sub: "alice"))
        }
    }

    @Test func keysOfOtherUsesOrAlgorithmsOrWithoutKidAreLeftOut() async throws {
        let es256 = try SigningKey.generate(.es256)
        var jwk = try JSONSerialization.jsonObject(with: JSONEncoder().encode(try es256.publicJWK())) as? [String: Any] ?? [:]
        jwk["alg"] = nil  // implied by kty and crv
        var encryption = jwk
        encryption["use"] = "enc"
        encryption["kid"] = "enc-key"
        var noKID = jwk
        noKID["kid"] = nil
        let secret: [String: Any] = ["kty": "oct", "k": "c2VjcmV0", "kid": "hmac", "alg": "HS256"]
        let document = try JSONSerialization.data(withJSONObject: ["keys": [jwk, encryption, noKID, secret]])
        let published = try await PublicKeySet(jwksJSON: document)
        #expect(published.algorithms == [es256.kid: .es256])

        await #expect(throws: PublicKeySet.Malformed.self) { try await PublicKeySet(jwksJSON: Data("[]".utf8)) }
    }
}
