/// Percent-encoding with the RFC 3986 unreserved set, as RFC 5849 §3.6 requires for OAuth 1
/// signatures: `ALPHA / DIGIT / "-" / "." / "_" / "~"` stay, every other byte of the UTF-8 form
/// becomes `%XX` with upper-case hexadecimal digits.
///
/// Both directions run on the contiguous UTF-8 bytes of their input (one pass, one allocation), since
/// they sit on the hot path of every signed request and every form body.
public enum PercentEncoding {
    /// Encodes `string` (RFC 5849 §3.6); a string with nothing to escape is returned as it is.
    ///
    /// Not generic, unlike the `StringProtocol` overload: callers in other modules would otherwise
    /// run the unspecialised generic code for every name and value of every signed request.
    public static func encode(_ string: String) -> String {
        var string = string
        let encoded: String? = string.withUTF8 { bytes in
            bytes.allSatisfy(isUnreserved) ? nil : encode(bytes: bytes)
        }
        return encoded ?? string
    }

    /// Encodes `string` (RFC 5849 §3.6).
    public static func encode(_ string: some StringProtocol) -> String {
        encode(String(string))
    }

    /// Encodes a UTF-8 byte sequence (RFC 5849 §3.6).
    public static func encode(bytes: UnsafeBufferPointer<UInt8>) -> String {
        var escapes = 0
        for byte in bytes where !isUnreserved(byte) { escapes += 1 }
        return String(unsafeUninitializedCapacity: bytes.count + 2 * escapes) { output in
            var index = 0
            for byte in bytes {
                if isUnreserved(byte) {
                    output[index] = byte
                    index += 1
                } else {
                    output[index] = UInt8(ascii: "%")
                    output[index + 1] = hexDigit(byte >> 4)
                    output[index + 2] = hexDigit(byte & 0x0F)
                    index += 3
                }
            }
            return index
        }
    }

    /// Decodes `%XX` escapes (and `+` as a space when `plusAsSpace`), refusing malformed escapes
    /// and bytes that do not form UTF-8.
    public static func decode(
        _ bytes: some Collection<UInt8>,
        plusAsSpace: Bool = false
    ) throws(FormURLEncodingError) -> String {
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(FormURLEncodingError) in try decode(buffer: buffer, plusAsSpace: plusAsSpace) }
        }
        if let contiguous { return try contiguous.get() }
        let copied = Array(bytes).withUnsafeBufferPointer { buffer in
            Result { () throws(FormURLEncodingError) in try decode(buffer: buffer, plusAsSpace: plusAsSpace) }
        }
        return try copied.get()
    }

    /// Decodes a string's `%XX` escapes (no `+` handling).
    public static func decode(_ string: some StringProtocol) throws(FormURLEncodingError) -> String {
        var string = String(string)
        let result = string.withUTF8 { buffer in
            Result { () throws(FormURLEncodingError) in try decode(buffer: buffer, plusAsSpace: false) }
        }
        return try result.get()
    }

    /// The decoding loop, on contiguous bytes.
    public static func decode(
        buffer bytes: UnsafeBufferPointer<UInt8>,
        plusAsSpace: Bool
    ) throws(FormURLEncodingError) -> String {
        let plus = plusAsSpace ? UInt8(ascii: "+") : UInt8(ascii: "%")
        var isASCII = true
        var hasEscapes = false
        for byte in bytes {
            if byte == UInt8(ascii: "%") || byte == plus {
                hasEscapes = true
                break
            }
            if byte >= 0x80 { isASCII = false }
        }
        if !hasEscapes {
            // ASCII is valid UTF-8 as it is: no decode-and-compare check (every OAuth 1 header
            // parameter of a typical request comes this way).
            if isASCII { return String(decoding: bytes, as: UTF8.self) }
            guard let string = UTF8Validation.string(validating: bytes) else { throw .invalidUTF8 }
            return string
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
                else { throw .invalidPercentEscape }
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte == plus ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        guard let string = UTF8Validation.string(validating: output) else { throw .invalidUTF8 }
        return string
    }

    /// Whether `byte` is in the unreserved set and so stays as it is. Inlinable: the OAuth 1
    /// base-string writer calls it for every byte, from another module.
    @inlinable @inline(__always)
    public static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
    }

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
