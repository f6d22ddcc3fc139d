import FoundationEssentials
import GatehouseCommon
import Testing

struct OrderedTokenTests {
    @Test func aTokenIsASelectorADotAndFortyRandomLettersAndDigits() throws {
        let token = OrderedToken.generate(at: Date(timeIntervalSince1970: 1_765_000_000.123))
        #expect(token.utf8.count == 59)
        let selector = try #require(OrderedToken.selector(of: token))
        #expect(selector.count == 18)
        #expect(selector.hasPrefix("019af232b27b"))  // 1765000000123 ms in 12 hex digits
        let secret = token.dropFirst(19)
        #expect(token.dropFirst(18).first == ".")
        #expect(secret.count == 40)
        #expect(secret.utf8.allSatisfy { TokenGenerator.alphanumeric.contains($0) })
    }

    @Test func tokensIssuedLaterSortAfterEarlierOnes() {
        let start = 1_765_000_000.0
        let tokens = (0..<200).map { OrderedToken.generate(at: Date(timeIntervalSince1970: start + Double($0) * 0.001)) }
        #expect(tokens.map { $0.utf8.prefix(12).map { $0 } } == tokens.sorted().map { $0.utf8.prefix(12).map { $0 } })
        #expect(zip(tokens, tokens.dropFirst()).allSatisfy { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    @Test func tokensAreDistinctWithinTheSameMillisecond() {
        let now = Date()
        let tokens = Set((0..<1000).map { _ in OrderedToken.generate(at: now) })
        #expect(tokens.count == 1000)
        #expect(Set(tokens.compactMap { OrderedToken.selector(of: $0) }).count > 990)
    }

    @Test(arguments: [
        "",
        "opaque-token",
        String(repeating: "a", count: 59),  // no separator
        "019afa0ab0bbAbCdEf" + "-" + String(repeating: "x", count: 40),  // wrong separator
        "019afa0ab0bGAbCdEf." + String(repeating: "x", count: 40),  // non-hex time
        "019afa0ab0bbAbCdEf." + String(repeating: "x", count: 39) + "~",  // non-alphanumeric secret
        "019afa0ab0bbAbCdEf." + String(repeating: "x", count: 41),  // too long
        "019afa0ab0bbAbCdEf." + String(repeating: "é", count: 20),  // same byte count, not ASCII
    ])
    func tokensOfAnyOtherShapeHaveNoSelector(token: String) {
        #expect(OrderedToken.selector(of: token) == nil)
    }

    @Test func randomBytesFillTheWholeBuffer() {
        let samples = (0..<64).map { _ in SecureRandom.bytes(64) }
        #expect(samples.allSatisfy { $0.count == 64 })
        #expect(Set(samples).count == 64)
        // Every byte position takes many values across the samples: nothing left unfilled.
        for position in 0..<64 { #expect(Set(samples.map { $0[position] }).count > 16) }
    }
}
