import GatehouseCommon
import Testing

struct PercentEncodingTests {
    @Test(arguments: [
        ("Ladies + Gentlemen", "Ladies%20%2B%20Gentlemen"),
        ("An encoded string!", "An%20encoded%20string%21"),
        ("Dogs, Cats & Mice", "Dogs%2C%20Cats%20%26%20Mice"),
        ("☃", "%E2%98%83"),
        ("abc-._~XYZ019", "abc-._~XYZ019"),
        ("", ""),
    ])
    func encodesWithTheUnreservedSetAndUpperCaseHex(raw: String, encoded: String) {
        #expect(PercentEncoding.encode(raw) == encoded)
        #expect(PercentEncoding.encode(raw[...]) == encoded)
    }

    @Test func decodingInvertsEncoding() throws {
        for raw in ["Ladies + Gentlemen", "☃ snow/man?&=", "%", "plain"] {
            #expect(try PercentEncoding.decode(PercentEncoding.encode(raw)) == raw)
        }
    }

    @Test(arguments: ["%", "%4", "abc%", "%zz", "%4g", "a%G1"])
    func malformedEscapesAreRefused(input: String) {
        #expect(throws: FormURLEncodingError.invalidPercentEscape) { try PercentEncoding.decode(input) }
    }

    @Test func escapesThatAreNotUTF8AreRefused() {
        #expect(throws: FormURLEncodingError.invalidUTF8) { try PercentEncoding.decode("%FF%FE") }
        #expect(throws: FormURLEncodingError.invalidUTF8) { try PercentEncoding.decode([0xC3, 0x28] as [UInt8]) }
    }

    @Test func plusIsASpaceOnlyWhenAsked() throws {
        #expect(try PercentEncoding.decode(Array("a+b%2B".utf8), plusAsSpace: true) == "a b+")
        #expect(try PercentEncoding.decode("a+b%2B") == "a+b+")
    }

    @Test func nonContiguousCollectionsDecodeToo() throws {
        let bytes = Array("caf%C3%A9".utf8).lazy.map { $0 }
        #expect(try PercentEncoding.decode(bytes) == "café")
    }
}

struct FormURLEncodingTests {
    @Test func decodesOrderedRepeatedPairs() throws {
        let parameters = try FormURLEncoding.decode("a=1&b=x+y&a=%33&&c&=v")
        #expect(parameters.pairs.map(\.name) == ["a", "b", "a", "c", ""])
        #expect(parameters.values(for: "a") == ["1", "3"])
        #expect(parameters["b"] == "x y")
        #expect(parameters["c"] == "")
        #expect(parameters[""] == "v")
    }

    @Test func emptyInputHasNoPairs() throws {
        #expect(try FormURLEncoding.decode("").pairs.isEmpty)
        #expect(try FormURLEncoding.decode("&&").pairs.isEmpty)
    }

    @Test func badEscapesAndBadUTF8AreRefused() {
        #expect(throws: FormURLEncodingError.invalidPercentEscape) { try FormURLEncoding.decode("a=%2") }
        #expect(throws: FormURLEncodingError.invalidUTF8) { try FormURLEncoding.decode("a=%C3") }
        #expect(throws: FormURLEncodingError.invalidUTF8) { try FormURLEncoding.decode(bytes: [0x61, 0x3D, 0xFF]) }
    }

    @Test func encodeThenDecodeRoundTrips() throws {
        let parameters: Parameters = ["redirect_uri": "https://a.example/cb?x=1&y=2", "scope": "profile email"]
        #expect(try FormURLEncoding.decode(FormURLEncoding.encode(parameters)) == parameters)
    }
}
