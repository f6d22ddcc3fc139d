import Testing

@testable import OAuthStores

/// `SecretSealer`: what a store seals opens only with the same secret, purpose and context, and
/// the sealed text reveals nothing of the value.
struct SecretSealerTests {
    let sealer = SecretSealer(secret: "a site secret of at least thirty-two characters", purpose: "remote tokens")

    @Test func sealedValuesOpenWithTheSameSecretPurposeAndContext() throws {
        let sealed = try sealer.seal("access-token-123", context: "user/github/access_token")
        #expect(sealed.hasPrefix("v1."))
        #expect(!sealed.contains("access-token-123"))
        #expect(try sealer.open(sealed, context: "user/github/access_token") == "access-token-123")
        let other = SecretSealer(secret: "a site secret of at least thirty-two characters", purpose: "remote tokens")
        #expect(try other.open(sealed, context: "user/github/access_token") == "access-token-123", "another node opens it")
    }

    @Test func theSameValueSealsDifferentlyEachTime() throws {
        let first = try sealer.seal("same", context: "c")
        let second = try sealer.seal("same", context: "c")
        #expect(first != second)  // a fresh nonce each time
    }

    @Test func anotherContextSecretPurposeOrAnAlteredValueDoesNotOpen() throws {
        let sealed = try sealer.seal("refresh-token", context: "alice/github/refresh_token")
        #expect(throws: SecretSealer.OpenFailed.self) { try sealer.open(sealed, context: "mallory/github/refresh_token") }
        let otherSecret = SecretSealer(secret: "another secret entirely, also long enough", purpose: "remote tokens")
        #expect(throws: SecretSealer.OpenFailed.self) { try otherSecret.open(sealed, context: "alice/github/refresh_token") }
        let otherPurpose = SecretSealer(secret: "a site secret of at least thirty-two characters", purpose: "signing keys")
        #expect(throws: SecretSealer.OpenFailed.self) { try otherPurpose.open(sealed, context: "alice/github/refresh_token") }
        var altered = Array(sealed)
        altered[altered.count / 2] = altered[altered.count / 2] == "A" ? "B" : "A"
        #expect(throws: SecretSealer.OpenFailed.self) { try sealer.open(String(altered), context: "alice/github/refresh_token") }
        for garbage in ["", "v1.", "v1.!!!", "v2." + sealed.dropFirst(3), String(sealed.dropLast(4))] {
            #expect(throws: SecretSealer.OpenFailed.self) { try sealer.open(garbage, context: "alice/github/refresh_token") }
        }
    }
}
