import GatehouseCommon
import Testing

struct UTF8ValidationTests {
    @Test(arguments: [
        [UInt8](),
        Array("plain ascii".utf8),
        Array("façade – 東京 🚀".utf8),
        [0xEF, 0xBF, 0xBD],  // U+FFFD itself is well-formed and must survive
        [0x61, 0xEF, 0xBF, 0xBD, 0x62],
    ])
    func wellFormedBytesGiveTheirString(bytes: [UInt8]) {
        #expect(UTF8Validation.string(validating: bytes).map { Array($0.utf8) } == bytes)
    }

    @Test(arguments: [
        [0x80],  // lone continuation byte
        [0xC0, 0x80],  // overlong NUL
        [0xE2, 0x82],  // truncated sequence
        [0xED, 0xA0, 0x80],  // UTF-16 surrogate
        [0xF4, 0x90, 0x80, 0x80],  // beyond U+10FFFF
        [0x61, 0xFF, 0x62],
        [0xE2, 0x82, 0x61],  // truncated, then ASCII: the repair keeps the length different
        [0xF0, 0x9F, 0x9A],  // three bytes of a four-byte sequence: one U+FFFD, same length
    ])
    func illFormedBytesAreRefused(bytes: [UInt8]) {
        #expect(UTF8Validation.string(validating: bytes) == nil)
    }

    @Test func percentDecodingRefusesIllFormedUTF8() throws {
        #expect(throws: FormURLEncodingError.invalidUTF8) { try PercentEncoding.decode("%F0%9F%9A") }
        #expect(throws: FormURLEncodingError.invalidUTF8) { try PercentEncoding.decode("%ED%A0%80") }
        #expect(try PercentEncoding.decode("%EF%BF%BD") == "\u{FFFD}")
    }
}
