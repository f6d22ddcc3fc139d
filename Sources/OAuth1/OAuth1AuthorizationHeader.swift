public import GatehouseCommon

/// The `Authorization: OAuth ...` header of RFC 5849 §3.5.1: parsing for servers, rendering for clients.
///
/// Each parameter is `name="value"` with both parts percent-encoded (§3.6), separated by commas and
/// optional whitespace; `realm` is the only parameter that is not an OAuth one and is not signed.
///
/// ```swift
/// let header = OAuth1AuthorizationHeader.render(oauthParameters, realm: "Photos")
/// // OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", ...
/// ```
public enum OAuth1AuthorizationHeader {
    /// The parsed content of an OAuth Authorization header.
    public struct Content: Sendable, Hashable {
        /// Every parameter but `realm`, decoded, in order.
        public var parameters: Parameters
        /// The `realm`, if given.
        public var realm: String?
    }

    /// The authentication scheme of an Authorization header value (`OAuth`, `Bearer`, `Basic`, ...).
    public static func scheme(of value: String) -> Substring {
        // On bytes (the delimiters are ASCII): Character-wise scanning showed up in the guard's profile.
        let utf8 = value.utf8
        let start = utf8.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? utf8.endIndex
        let end = utf8[start...].firstIndex { $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: ",") } ?? utf8.endIndex
        return value[start..<end]
    }

    /// Parses an Authorization header value.
    ///
    /// - Parameter value: the header value, such as `OAuth realm="Photos", oauth_consumer_key="..."`.
    /// - Returns: the parameters and realm, or `nil` when the scheme is not `OAuth` (compared
    ///   case-insensitively), so that the caller can tell a `Bearer` header from a broken OAuth one.
    /// - Throws: ``OAuth1Error`` `invalid_request` for a malformed OAuth header, or
    ///   `duplicated_oauth_protocol_parameter` when a parameter appears twice.
    public static func parse(_ value: String) throws(OAuth1Error) -> Content? {
        let scheme = scheme(of: value)
        guard scheme.lowercased() == "oauth" else { return nil }
        var value = value
        let skipped = value.utf8.prefix { $0 == 0x20 || $0 == 0x09 }.count + scheme.utf8.count
        let result = value.withUTF8 { bytes in Result { () throws(OAuth1Error) in try parse(bytes, from: skipped) } }
        return try result.get()
    }

    /// The most parameters a header may carry: RFC 5849 defines eight, extensions add a few; a header
    /// with hundreds is an attack, not a request.
    public static let maximumParameterCount = 64

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) throws(OAuth1Error) -> Content {
        @inline(__always) func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        @inline(__always) func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[range])
        }

        var index = start
        var parameters = Parameters()
        parameters.pairs.reserveCapacity(8)  // a signed request carries seven: one allocation
        var realm: String?
        while true {
            while index < bytes.count, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: ",") { index += 1 }
            if index >= bytes.count { break }
            guard parameters.count < maximumParameterCount else {
                throw .invalidRequest("malformed Authorization header: more than \(maximumParameterCount) parameters")
            }

            let nameStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ","),
                !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "\"")
            {
                index += 1
            }
            let nameRange = nameStart..<index
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            guard !nameRange.isEmpty, index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                throw .invalidRequest("malformed Authorization header")
            }
            index += 1
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }

            // The raw value: a quoted-string (backslash escapes are rare: only then is it copied) or a token.
            var valueRange = index..<index
            var unescaped: [UInt8]?
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                index += 1
                let valueStart = index
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\\") {
                        guard index + 1 < bytes.count else { break }
                        if unescaped == nil { unescaped = Array(slice(valueStart..<index)) }
                        unescaped?.append(bytes[index + 1])
                        index += 2
                    } else if byte == UInt8(ascii: "\"") {
                        valueRange = valueStart..<index
                        closed = true
                        index += 1
                        break
                    } else {
                        unescaped?.append(byte)
                        index += 1
                    }
                }
                guard closed else { throw .invalidRequest("malformed Authorization header: unterminated quote") }
            } else {
                let valueStart = index
                while index < bytes.count, bytes[index] != UInt8(ascii: ","), !isSpace(bytes[index]) {
                    guard bytes[index] != UInt8(ascii: "\"") else {
                        throw .invalidRequest("malformed Authorization header")
                    }
                    index += 1
                }
                valueRange = valueStart..<index
            }
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            guard index >= bytes.count || bytes[index] == UInt8(ascii: ",") else {
                throw .invalidRequest("malformed Authorization header: parameters must be separated by commas")
            }

            let name: String
            let decodedValue: String
            do {
                name = try PercentEncoding.decode(buffer: slice(nameRange), plusAsSpace: false)
                if name == "realm" {
                    let text =
                        if let unescaped { UTF8Validation.string(validating: unescaped) } else {
                            UTF8Validation.string(validating: slice(valueRange))
                        }
                    guard let text else { throw FormURLEncodingError.invalidUTF8 }
                    decodedValue = text
                } else if let unescaped {
                    decodedValue = try PercentEncoding.decode(unescaped)
                } else {
                    decodedValue = try PercentEncoding.decode(buffer: slice(valueRange), plusAsSpace: false)
                }
            } catch {
                throw .invalidRequest("malformed Authorization header: \(error)")
            }
            // A handful of parameters: a linear scan is cheaper than hashing each name.
            guard name == "realm" ? realm == nil : !parameters.contains(name) else {
                throw .duplicatedParameter("\"\(name)\" is given twice in the Authorization header")
            }
            if name == "realm" { realm = decodedValue } else { parameters.append(name, decodedValue) }
        }
        return Content(parameters: parameters, realm: realm)
    }

    /// Renders `OAuth realm="...", name="value", ...` with names and values percent-encoded (§3.5.1).
    ///
    /// - Parameters:
    ///   - parameters: the protocol parameters, `oauth_signature` included, in the order to send.
    ///   - realm: an optional realm, sent first and not percent-encoded.
    /// - Returns: the header value.
    public static func render(_ parameters: Parameters, realm: String? = nil) -> String {
        var parts: [String] = []
        if let realm {
            parts.append("realm=\"" + realm.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\"")
        }
        for pair in parameters.pairs {
            parts.append(PercentEncoding.encode(pair.name) + "=\"" + PercentEncoding.encode(pair.value) + "\"")
        }
        return parts.isEmpty ? "OAuth" : "OAuth " + parts.joined(separator: ", ")
    }
}
