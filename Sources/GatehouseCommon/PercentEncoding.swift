/// Percent-encoding with the RFC 3986 unreserved set, as RFC 5849 §3.6 requires for OAuth 1
/// signatures: `ALPHA / DIGIT / "-" / "." / "_" / "~"` stay, every other byte of the UTF-8 form
/// becomes `%XX` with upper-case hexadecimal digits.
public enum PercentEncoding {
    /// Encodes `string` (RFC 5849 §3.6).
    public static func encode(_ string: some StringProtocol) -> String {
        var utf8 = Array(string.utf8)
        if utf8.allSatisfy(isUnreserved) { return String(string) }
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count * 3)
        for byte in utf8 {
            if isUnreserved(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        utf8 = output
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Decodes `%XX` escapes (and `+` as a space when `plusAsSpace`), refusing malformed escapes
    /// and bytes that do not form UTF-8.
    public static func decode(
        _ bytes: some Collection<UInt8>,
        plusAsSpace: Bool = false
    ) throws(FormURLEncodingError) -> String {
        if !bytes.contains(where: { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }) {
            guard let string = String(validating: bytes, as: UTF8.self) else { throw .invalidUTF8 }
            return string
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                let first = bytes.index(after: index)
                guard first != bytes.endIndex else { throw .invalidPercentEscape }
                let second = bytes.index(after: first)
                guard second != bytes.endIndex,
                    let high = hexValue(bytes[first]), let low = hexValue(bytes[second])
                else { throw .invalidPercentEscape }
                output.append(high << 4 | low)
                index = bytes.index(after: second)
            } else {
                output.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index = bytes.index(after: index)
            }
        }
        guard let string = String(validating: output, as: UTF8.self) else { throw .invalidUTF8 }
        return string
    }

    /// Decodes a string's `%XX` escapes (no `+` handling).
    public static func decode(_ string: some StringProtocol) throws(FormURLEncodingError) -> String {
        try decode(Array(string.utf8))
    }

    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    @inline(__always)
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
