import GatehouseCommon
import Testing

/// `ConstantTimeComparison`, through which every secret, signature, verifier and digest
/// comparison goes: equal inputs match, any difference (content or length) does not.
struct ConstantTimeComparisonTests {
    @Test func equalInputsMatch() {
        #expect(ConstantTimeComparison.isEqual([UInt8](), [UInt8]()))
        #expect(ConstantTimeComparison.isEqual([0, 1, 2, 255] as [UInt8], [0, 1, 2, 255] as [UInt8]))
        #expect(ConstantTimeComparison.isEqual("", ""))
        #expect(ConstantTimeComparison.isEqual("s3cret-ÿ", "s3cret-ÿ"))
        // Any two collections of bytes: an array slice against an array.
        let secret = Array("prefix-kd94hf93k423kf44".utf8)
        #expect(ConstantTimeComparison.isEqual(secret[7...], Array("kd94hf93k423kf44".utf8)))
    }

    @Test func aDifferenceAnywhereIsUnequal() {
        let secret = Array("kd94hf93k423kf44".utf8)
        for index in secret.indices {
            var changed = secret
            changed[index] ^= 0x01
            #expect(!ConstantTimeComparison.isEqual(secret, changed), "byte \(index)")
            #expect(!ConstantTimeComparison.isEqual(changed, secret), "byte \(index)")
        }
        #expect(!ConstantTimeComparison.isEqual("kd94hf93k423kf44", "Kd94hf93k423kf44"))
        // Bytes, not characters: the same text in another Unicode normalisation form differs.
        #expect(!ConstantTimeComparison.isEqual("caf\u{E9}", "cafe\u{301}"))
    }

    @Test func differentLengthsAreUnequal() {
        #expect(!ConstantTimeComparison.isEqual("secret", "secret-and-more"))
        #expect(!ConstantTimeComparison.isEqual("secret-and-more", "secret"))
        #expect(!ConstantTimeComparison.isEqual("", "x"))
        #expect(!ConstantTimeComparison.isEqual("x", ""))
        // The shorter input is padded with zeros while the bytes are compared: trailing NULs must
        // still not make two inputs of different lengths equal.
        #expect(!ConstantTimeComparison.isEqual("secret", "secret\0"))
        #expect(!ConstantTimeComparison.isEqual([UInt8](), [0] as [UInt8]))
        #expect(!ConstantTimeComparison.isEqual([0, 0] as [UInt8], [0] as [UInt8]))
    }
}
