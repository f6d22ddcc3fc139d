import GatehouseCommon

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The byte-level assembly of a signature base string (RFC 5849 §3.4.1.1), behind
/// ``SignatureBaseString``: every signed request on a server goes through it.
///
/// The parameters are collected §3.6-encoded (a name or value with nothing to escape is kept as
/// the same string, no copy), sorted by their encoded bytes with `memcmp`, and the whole base
/// string is written into one string of exactly the right size: `encode(METHOD)&encode(URI)&`
/// and then the normalised parameters encoded a second time, which only turns their `%` into
/// `%25` and the `=`/`&` between them into `%3D`/`%26`. The URI's pieces (scheme, host, port,
/// path) are encoded one after the other, which gives the same bytes as encoding the joined URI:
/// §3.6 encodes byte by byte.
enum SignatureBaseStringWriter {
    /// One signed parameter, name and value §3.6-encoded, with the count of `%` in each (what the
    /// second encoding turns into `%25`).
    struct EncodedPair {
        var name: String
        var value: String
        var namePercents: Int
        var valuePercents: Int
        /// The name's first eight bytes, big-endian, zero-padded: two names whose prefixes differ
        /// sort as these integers do (an encoded name holds no NUL byte, so the padding sorts
        /// first, as the end of a shorter name does).
        var namePrefix: UInt64
    }

    /// The base string URI (§3.4.1.2): already normalised, or the pieces of a parsed request URI.
    enum URI {
        case normalized(String)
        case parsed(RequestURI)
    }

    /// Appends every pair of `parameters` but `oauth_signature`, name and value encoded (§3.6).
    static func appendEncoded(_ parameters: Parameters, to pairs: inout [EncodedPair]) {
        for pair in parameters.pairs where pair.name != "oauth_signature" {
            let (name, namePercents) = encoded(pair.name)
            let (value, valuePercents) = encoded(pair.value)
            let prefix = name.withContiguousUTF8 { bytes in
                var prefix: UInt64 = 0
                for index in 0..<8 { prefix = prefix << 8 | UInt64(index < bytes.count ? bytes[index] : 0) }
                return prefix
            }
            pairs.append(
                EncodedPair(
                    name: name,
                    value: value,
                    namePercents: namePercents,
                    valuePercents: valuePercents,
                    namePrefix: prefix
                )
            )
        }
    }

    /// The §3.6 encoding of `text` (`text` itself when nothing needs escaping) and its count of
    /// escapes, each of which starts with a `%`.
    private static func encoded(_ text: String) -> (String, Int) {
        text.withContiguousUTF8 { bytes in
            var escapes = 0
            for byte in bytes where !PercentEncoding.isUnreserved(byte) { escapes += 1 }
            return escapes == 0 ? (text, 0) : (PercentEncoding.encode(bytes: bytes), escapes)
        }
    }

    /// Sorts encoded pairs by name, then value, in byte order (§3.4.1.3.2).
    static func sort(_ pairs: inout [EncodedPair]) {
        // A signed request has a handful of pairs: an insertion sort in place (stable, as `sort`)
        // moves them without the retains and releases the library sort's closure calls cost.
        guard pairs.count <= 16 else {
            pairs.sort(by: precedes)
            return
        }
        pairs.withUnsafeMutableBufferPointer { buffer in
            for next in buffer.indices.dropFirst() {
                var index = next
                while index > 0, precedes(buffer[index], buffer[index - 1]) {
                    buffer.swapAt(index, index - 1)
                    index -= 1
                }
            }
        }
    }

    /// Whether `lhs` sorts before `rhs`: by name, then value, in byte order.
    private static func precedes(_ lhs: EncodedPair, _ rhs: EncodedPair) -> Bool {
        if lhs.namePrefix != rhs.namePrefix { return lhs.namePrefix < rhs.namePrefix }
        let byName = compareBytes(lhs.name, rhs.name)
        return byName != 0 ? byName < 0 : compareBytes(lhs.value, rhs.value) < 0
    }

    /// The base string of `method`, `uri` and the sorted encoded `pairs`.
    static func render(method: String, uri: URI, pairs: [EncodedPair]) -> String {
        // An HTTP method is an ASCII token: upper-cased byte by byte while it is written. Anything
        // else takes the standard library's Unicode upper-casing, as before.
        let isASCII = method.withContiguousUTF8 { $0.allSatisfy { $0 < 0x80 } }
        let method = isASCII ? method : method.uppercased()

        var length = encodedCount(method) + 1 + uriCount(uri) + 1
        for (index, pair) in pairs.enumerated() {
            length +=
                (index > 0 ? 3 : 0) + pair.name.utf8.count + 2 * pair.namePercents + 3
                + pair.value.utf8.count + 2 * pair.valuePercents
        }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var output = Output(buffer: buffer)
            output.appendEncoded(method, upperCasing: isASCII)
            output.append(UInt8(ascii: "&"))
            output.appendURI(uri)
            output.append(UInt8(ascii: "&"))
            for (index, pair) in pairs.enumerated() {
                if index > 0 { output.append("%26") }
                output.appendReencoded(pair.name, percents: pair.namePercents)
                output.append("%3D")
                output.appendReencoded(pair.value, percents: pair.valuePercents)
            }
            return output.count
        }
    }

    /// Compares the UTF-8 bytes of two strings: negative, zero or positive, as `memcmp`.
    static func compareBytes(_ lhs: String, _ rhs: String) -> Int {
        lhs.withContiguousUTF8 { left in
            rhs.withContiguousUTF8 { right in
                let common = min(left.count, right.count)
                if common > 0, let a = left.baseAddress, let b = right.baseAddress {
                    let order = memcmp(a, b, common)
                    if order != 0 { return Int(order) }
                }
                return left.count - right.count
            }
        }
    }

    private static func uriCount(_ uri: URI) -> Int {
        switch uri {
        case .normalized(let text):
            return encodedCount(text)
        case .parsed(let parsed):
            var count = encodedCount(parsed.scheme) + 9 + encodedCount(parsed.host) + encodedCount(parsed.path)
            if let port = parsed.significantPort { count += 3 + decimalDigits(port) }
            return count
        }
    }

    /// The length of the §3.6 encoding of `text`.
    private static func encodedCount(_ text: String) -> Int {
        text.withContiguousUTF8 { bytes in
            var count = bytes.count
            for byte in bytes where !PercentEncoding.isUnreserved(byte) { count += 2 }
            return count
        }
    }

    private static func decimalDigits(_ value: Int) -> Int {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        return digits
    }

    /// A cursor over the base string's buffer, sized exactly by ``render(method:uri:pairs:)``.
    private struct Output {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        init(buffer: UnsafeMutableBufferPointer<UInt8>) {
            self.buffer = buffer
        }

        mutating func append(_ byte: UInt8) {
            buffer[count] = byte
            count += 1
        }

        mutating func append(_ text: StaticString) {
            text.withUTF8Buffer { for byte in $0 { append(byte) } }
        }

        mutating func appendEncoded(_ text: String, upperCasing: Bool = false) {
            text.withContiguousUTF8 { bytes in
                for var byte in bytes {
                    if upperCasing, byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") { byte -= 0x20 }
                    if PercentEncoding.isUnreserved(byte) {
                        append(byte)
                    } else {
                        append(UInt8(ascii: "%"))
                        append(Self.hexDigit(byte >> 4))
                        append(Self.hexDigit(byte & 0x0F))
                    }
                }
            }
        }

        mutating func appendReencoded(_ text: String, percents: Int) {
            text.withContiguousUTF8 { bytes in
                guard percents > 0 else {
                    guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return }
                    (target + count).update(from: source, count: bytes.count)
                    count += bytes.count
                    return
                }
                for byte in bytes {
                    if byte == UInt8(ascii: "%") {
                        append("%25")
                    } else {
                        append(byte)
                    }
                }
            }
        }

        mutating func appendURI(_ uri: URI) {
            switch uri {
            case .normalized(let text):
                appendEncoded(text)
            case .parsed(let parsed):
                appendEncoded(parsed.scheme)
                append("%3A%2F%2F")
                appendEncoded(parsed.host)
                if let port = parsed.significantPort {
                    append("%3A")
                    appendDecimal(port)
                }
                appendEncoded(parsed.path)
            }
        }

        private mutating func appendDecimal(_ value: Int) {
            var divisor = 1
            while value / divisor >= 10 { divisor *= 10 }
            while divisor > 0 {
                append(UInt8(ascii: "0") + UInt8((value / divisor) % 10))
                divisor /= 10
            }
        }

        private static func hexDigit(_ nibble: UInt8) -> UInt8 {
            nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
        }
    }
}
