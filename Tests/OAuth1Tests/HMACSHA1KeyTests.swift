import Crypto
import FoundationEssentials
import GatehouseCommon
import OAuth1
import Testing

/// The HMAC-SHA1 path keys its own inner and outer SHA-1 states (RFC 2104) and writes base64
/// itself: checked against swift-crypto's `HMAC` and against hand-encoded secrets and base
/// strings of every shape (empty, escaped, longer than a SHA-1 block, non-ASCII).
struct HMACSHA1KeyTests {
    static let secrets: [(String, String)] = [
        ("", ""),
        ("kd94hf93k423kf44", "pfkkdhi9sl3r4s00"),
        ("kd94hf93k423kf44", ""),
        ("a secret & more", "%2F/ü"),
        (String(repeating: "k", count: 63), ""),
        (String(repeating: "k", count: 64), "t"),
        (String(repeating: "x", count: 200), String(repeating: "y", count: 90)),
        ("e\u{301}", "token"),  // decomposed é: must not share a key with the precomposed one
        ("\u{E9}", "token"),
    ]

    static let texts = ["", "a", SignatureTests.appendixABase, String(repeating: "base&string%2F", count: 40)]

    @Test func matchesSwiftCryptoHMAC() throws {
        let algorithm = HMACSignatureAlgorithm<Insecure.SHA1>()
        for (client, token) in Self.secrets {
            let key = HMACSignatureAlgorithm<Insecure.SHA1>.key(clientSecret: client, tokenSecret: token)
            for text in Self.texts {
                let expected = Data(
                    HMAC<Insecure.SHA1>.authenticationCode(for: Array(text.utf8), using: SymmetricKey(data: Array(key.utf8)))
                )
                .base64EncodedString()
                let input = SignatureInput(baseString: text, clientSecret: client, tokenSecret: token)
                #expect(try algorithm.sign(input) == expected)
                #expect(algorithm.verify(expected, for: input))
                #expect(!algorithm.verify(String(expected.dropLast()), for: input))
                #expect(!algorithm.verify(expected + "=", for: input))
            }
        }
    }

    @Test func canonicallyEquivalentSecretsAreDifferentKeys() throws {
        let algorithm = HMACSignatureAlgorithm<Insecure.SHA1>()
        let decomposed = try algorithm.sign(SignatureInput(baseString: "text", clientSecret: "e\u{301}"))
        let precomposed = try algorithm.sign(SignatureInput(baseString: "text", clientSecret: "\u{E9}"))
        #expect(decomposed != precomposed)
        #expect(!algorithm.verify(decomposed, for: SignatureInput(baseString: "text", clientSecret: "\u{E9}")))
    }
}
