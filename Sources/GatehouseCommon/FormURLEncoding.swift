/// Encoding and decoding of `application/x-www-form-urlencoded` data and URL queries.
///
/// Decoding treats `+` as a space and requires every `%` to start a valid escape: a malformed
/// escape or bytes that are not UTF-8 throw ``FormURLEncodingError`` so a server can answer 400
/// instead of guessing. Encoding uses the strict RFC 3986 unreserved set (see ``PercentEncoding``),
/// which every form decoder accepts.
public enum FormURLEncoding {
    /// Decodes `a=1&b=2&a=3` into ordered pairs. Empty segments (`a=1&&b=2`) are skipped;
    /// a segment without `=` is a name with an empty value.
    public static func decode(_ string: some StringProtocol) throws(FormURLEncodingError) -> Parameters {
        var string = String(string)
        let result = string.withUTF8 { bytes in Result { () throws(FormURLEncodingError) in try decode(buffer: bytes) } }
        return try result.get()
    }

    private static func decode(buffer bytes: UnsafeBufferPointer<UInt8>) throws(FormURLEncodingError) -> Parameters {
        var pairs: [Parameters.Pair] = []
        var start = 0
        while start < bytes.count {
            var end = start
            var equals: Int?
            while end < bytes.count, bytes[end] != UInt8(ascii: "&") {
                if equals == nil, bytes[end] == UInt8(ascii: "=") { equals = end }
                end += 1
            }
            if end > start {
                let nameEnd = equals ?? end
                let name = try PercentEncoding.decode(buffer: rebase(bytes, start..<nameEnd), plusAsSpace: true)
                let value =
                    if let equals {
                        try PercentEncoding.decode(buffer: rebase(bytes, (equals + 1)..<end), plusAsSpace: true)
                    } else { "" }
                pairs.append(.init(name, value))
            }
            start = end + 1
        }
        return Parameters(pairs)
    }

    @inline(__always)
    private static func rebase(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[range])
    }

    /// Decodes a UTF-8 byte sequence, e.g. a request body.
    public static func decode(bytes: some Collection<UInt8>) throws(FormURLEncodingError) -> Parameters {
        guard let string = String(validating: bytes, as: UTF8.self) else { throw .invalidUTF8 }
        return try decode(string)
    }

    /// Encodes pairs as `name=value&...`, percent-encoding everything outside the unreserved set.
    public static func encode(_ parameters: Parameters) -> String {
        parameters.pairs.map { PercentEncoding.encode($0.name) + "=" + PercentEncoding.encode($0.value) }
            .joined(separator: "&")
    }

    /// Encodes `(name, value)` tuples in order.
    public static func encode(_ tuples: [(String, String)]) -> String {
        encode(Parameters(tuples))
    }

    /// Decodes one form component: `+` is a space, `%XX` an escaped byte.
    public static func decodeComponent(_ bytes: some Collection<UInt8>) throws(FormURLEncodingError) -> String {
        try PercentEncoding.decode(bytes, plusAsSpace: true)
    }
}

/// Why a form body or a query could not be decoded.
public enum FormURLEncodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A `%` not followed by two hexadecimal digits.
    case invalidPercentEscape
    /// The decoded bytes are not valid UTF-8.
    case invalidUTF8

    public var description: String {
        switch self {
        case .invalidPercentEscape: "invalid percent-encoding"
        case .invalidUTF8: "invalid UTF-8"
        }
    }
}
