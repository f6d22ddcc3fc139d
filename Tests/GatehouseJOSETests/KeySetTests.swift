import Foundation
import GatehouseJOSE
import JWTKit
import Testing

/// `SigningKey` and `KeySet`: keys named by their thumbprint, tokens signed by the current key of
/// an algorithm, verified by `kid`, retired keys verifying but never signing, the JWKS publishing
/// public parts only, and every header trick refused.
struct KeySetTests {
    struct Claims: JWTPayload, Equatable {
        var sub: String
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    static let rsa = try? SigningKey.generate(.rs256)  // 2048-bit generation is slow: once for the suite

    @Test(arguments: SigningAlgorithm.allCases)
    func signedTokensVerifyAndNameTheirKey(algorithm: SigningAlgorithm) async throws {
        let key = algorithm == .rs256 ? try #require(Self.rsa) : try SigningKey.generate(algorithm)
        #expect(key.kid == (try JWKThumbprint.sha256(of: key.publicJWK())))
        #expect(try SigningKey(algorithm: algorithm, privateKeyPEM: key.privateKeyPEM) == key, "the PEM reads back to the same key")
        let keys = try await KeySet(current: [key])
        let token = try await keys.sign(Claims(sub: "alice"), algorithm: algorithm, type: "at+jwt")
        let header = try JOSEHeader(compact: token)
        #expect(header.kid == key.kid && header.alg == algorithm.rawValue && header.typ == "at+jwt")
        #expect(try await keys.verify(token, as: Claims.self, type: "at+jwt") == Claims(sub: "alice"))
        await #expect(throws: KeySet.Failure.wrongType("at+jwt")) { try await keys.verify(token, as: Claims.self, type: "JWT") }
    }

    @Test func retiredKeysVerifyAndArePublishedButDoNotSign() async throws {
        let old = try SigningKey.generate(.es256)
        let new = try SigningKey.generate(.es256)
        let before = try await KeySet(current: [old])
        let signedBefore = try await before.sign(Claims(sub: "alice"), algorithm: .es256)
        let after = try await KeySet(current: [new], retiring: [old])
        #expect(try await after.verify(signedBefore, as: Claims.self) == Claims(sub: "alice"))
        #expect(try JOSEHeader(compact: try await after.sign(Claims(sub: "bob"), algorithm: .es256)).kid == new.kid)
        await #expect(throws: KeySet.Failure.noKey(.rs256)) { try await after.sign(Claims(sub: "bob"), algorithm: .rs256) }

        let gone = try await KeySet(current: [new])
        await #expect(throws: KeySet.Failure.unknownKey(old.kid)) { try await gone.verify(signedBefore, as: Claims.self) }

        let jwks = try #require(try JSONSerialization.jsonObject(with: Data(after.jwksJSON)) as? [String: [[String: String]]])
        let published = try #require(jwks["keys"])
        #expect(Set(published.compactMap { $0["kid"] }) == [old.kid, new.kid])
        #expect(published.allSatisfy { $0["use"] == "sig" && $0["alg"] == "ES256" && $0["kty"] == "EC" && $0["crv"] == "P-256" })
        #expect(published.allSatisfy { $0["d"] == nil }, "no private member is published")
    }

    @Test func headerTricksAreRefused() async throws {
        let es256 = try SigningKey.generate(.es256)
        let keys = try await KeySet(current: [es256])
        let token = try await keys.sign(Claims(sub: "alice"), algorithm: .es256)
        let parts = token.split(separator: ".").map(String.init)

        func with(header json: String) -> String {
            Data(json.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "") + "." + parts[1] + "." + parts[2]
        }
        await #expect(throws: KeySet.Failure.algorithmMismatch("none")) {
            try await keys.verify(with(header: #"{"alg":"none","kid":"\#(es256.kid)"}"#), as: Claims.self)
        }
        await #expect(throws: KeySet.Failure.algorithmMismatch("HS256")) {
            try await keys.verify(with(header: #"{"alg":"HS256","kid":"\#(es256.kid)"}"#), as: Claims.self)
        }
        await #expect(throws: KeySet.Failure.unknownKey(nil)) { try await keys.verify(with(header: #"{"alg":"ES256"}"#), as: Claims.self) }
        await #expect(throws: KeySet.Failure.unsupportedCritical(["exp"])) {
            try await keys.verify(with(header: #"{"alg":"ES256","kid":"\#(es256.kid)","crit":["exp"],"exp":1}"#), as: Claims.self)
        }
        await #expect(throws: KeySet.Failure.invalidSignature) {
            try await keys.verify(parts[0] + "." + parts[1] + "." + String(parts[2].reversed()), as: Claims.self)
        }
        for garbage in ["", "a.b", "a.b.c.d", "!!!.e30.x", "e30.e30.e30"] {
            await #expect(throws: (any Error).self, "\(garbage)") { try await keys.verify(garbage, as: Claims.self) }
        }
    }

    @Test func keysOfTheWrongTypeOrSizeAreRefused() throws {
        let p256 = try SigningKey.generate(.es256)
        #expect(throws: SigningKey.InvalidKey.self) { try SigningKey(algorithm: .rs256, privateKeyPEM: p256.privateKeyPEM) }
        #expect(throws: SigningKey.InvalidKey.self) { try SigningKey(algorithm: .es256, privateKeyPEM: "not a key") }
    }
}
