import GatehouseCommon
import Testing

/// `TokenGenerator`, the source of every code, secret, nonce and verifier (RFC 6749 §10.10,
/// RFC 5849 §4.9): the requested length, only the alphabet's characters, no repeats, no bias.
struct TokenGeneratorTests {
    @Test(arguments: [0, 1, 30, 36, 42, 48, 1000])
    func aTokenHasTheRequestedLengthInLettersAndDigits(length: Int) {
        let token = TokenGenerator.generate(length: length)
        #expect(token.utf8.count == length)
        #expect(token.utf8.allSatisfy { TokenGenerator.alphanumeric.contains($0) })
    }

    @Test func theDefaultsAreThirtyLettersAndDigits() {
        #expect(TokenGenerator.alphanumeric.count == 62)
        #expect(Set(TokenGenerator.alphanumeric).count == 62)
        let token = TokenGenerator.generate()
        #expect(token.utf8.count == 30)
        #expect(token.utf8.allSatisfy { TokenGenerator.alphanumeric.contains($0) })
        #expect(TokenGenerator.generate(length: -5).isEmpty)
    }

    @Test func anotherAlphabetIsRespected() {
        let verifier = TokenGenerator.generate(length: 4000, alphabet: TokenGenerator.unreserved)
        #expect(verifier.utf8.count == 4000)
        #expect(verifier.utf8.allSatisfy { TokenGenerator.unreserved.contains($0) })
        // 4000 draws from 66 symbols: the four RFC 3986 marks turn up.
        #expect("-._~".utf8.allSatisfy { verifier.utf8.contains($0) })
        #expect(TokenGenerator.generate(length: 20, alphabet: Array("x".utf8)) == String(repeating: "x", count: 20))
    }

    @Test func manyDrawsNeverRepeat() {
        let tokens = (0..<20_000).map { _ in TokenGenerator.generate(length: 30) }
        #expect(Set(tokens).count == tokens.count)
        // Short tokens too: 8 characters (about 48 bits) do not collide over 20 000 draws either.
        let short = (0..<20_000).map { _ in TokenGenerator.generate(length: 8) }
        #expect(Set(short).count == short.count)
    }

    @Test func everyCharacterIsEquallyLikely() {
        // 620 000 characters, 10 000 expected per symbol (standard deviation about 100). Modulo
        // bias (bytes taken modulo 62 without rejection) would give the first eight symbols 5/256
        // instead of 4/256, about 12 200 each; the bound allows 7 standard deviations either way.
        var counts = [UInt8: Int]()
        for _ in 0..<10_000 {
            for byte in TokenGenerator.generate(length: 62).utf8 { counts[byte, default: 0] += 1 }
        }
        #expect(counts.count == 62)
        for symbol in TokenGenerator.alphanumeric {
            let count = counts[symbol, default: 0]
            #expect((9_300...10_700).contains(count), "\(Character(Unicode.Scalar(symbol))): \(count)")
        }
    }
}
