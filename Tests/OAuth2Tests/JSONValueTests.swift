import Foundation
import OAuth2
import Testing

struct JSONValueTests {
    @Test func objectsAreWrittenWithSortedKeysAndUnescapedSlashes() {
        let text = String(decoding: JSONValue.encode(["token_type": "Bearer", "expires_in": 3600, "a": "https://x/y"]), as: UTF8.self)
        #expect(text == #"{"a":"https://x/y","expires_in":3600,"token_type":"Bearer"}"#)
    }

    @Test func stringsEscapeQuotesBackslashesAndControlCharacters() {
        let text = String(decoding: JSONValue.encode(["s": .string("q\"b\\n\n\r\t\u{08}\u{0C}\u{01}é☃")]), as: UTF8.self)
        #expect(text == #"{"s":"q\"b\\n\n\r\t\b\f\u0001é☃"}"#)
    }

    @Test func everyKindRoundTripsThroughJSONDecoder() throws {
        let object: [String: JSONValue] = [
            "string": "v", "int": -42, "double": .double(1.5), "whole": .double(2), "true": true, "null": nil,
            "array": [1, "two", [false]], "object": ["nested": ["k": "v"]],
        ]
        let decoded = try #require(JSONValue.decodeObject(JSONValue.encode(object)))
        #expect(decoded["string"] == "v")
        #expect(decoded["int"] == -42)
        #expect(decoded["double"] == .double(1.5))
        #expect(decoded["whole"] == 2)
        #expect(decoded["true"] == true)
        #expect(decoded["null"] == .null)
        #expect(decoded["array"] == [1, "two", [false]])
        #expect(decoded["object"] == ["nested": ["k": "v"]])
    }

    @Test func nonFiniteNumbersBecomeNull() {
        #expect(String(decoding: JSONValue.encode(["n": .double(.infinity)]), as: UTF8.self) == #"{"n":null}"#)
    }
}
