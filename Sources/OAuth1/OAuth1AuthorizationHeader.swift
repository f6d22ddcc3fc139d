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
        let trimmed = value.drop { $0 == " " || $0 == "\t" }
        return trimmed.prefix { $0 != " " && $0 != "\t" && $0 != "," }
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
        let bytes = Array(value.utf8)
        var index = bytes.prefix { $0 == 0x20 || $0 == 0x09 }.count + scheme.utf8.count
        var parameters = Parameters()
        var realm: String?
        var seen = Set<String>()

        @inline(__always) func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

        while true {
            while index < bytes.count, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: ",") { index += 1 }
            if index >= bytes.count { break }

            let nameStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ","),
                !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "\"")
            {
                index += 1
            }
            let rawName = bytes[nameStart..<index]
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            guard !rawName.isEmpty, index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                throw .invalidRequest("malformed Authorization header")
            }
            index += 1
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }

            var rawValue: [UInt8] = []
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                index += 1
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\\") {
                        guard index + 1 < bytes.count else { break }
                        rawValue.append(bytes[index + 1])
                        index += 2
                    } else if byte == UInt8(ascii: "\"") {
                        closed = true
                        index += 1
                        break
                    } else {
                        rawValue.append(byte)
                        index += 1
                    }
                }
                guard closed else { throw .invalidRequest("malformed Authorization header: unterminated quote") }
            } else {
                while index < bytes.count, bytes[index] != UInt8(ascii: ","), !isSpace(bytes[index]) {
                    guard bytes[index] != UInt8(ascii: "\"") else {
                        throw .invalidRequest("malformed Authorization header")
                    }
                    rawValue.append(bytes[index])
                    index += 1
                }
            }
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            guard index >= bytes.count || bytes[index] == UInt8(ascii: ",") else {
                throw .invalidRequest("malformed Authorization header: parameters must be separated by commas")
            }

            let name: String
            let decodedValue: String
            do {
                name = try PercentEncoding.decode(rawName)
                if name == "realm" {
                    guard let text = String(validating: rawValue, as: UTF8.self) else {
                        throw FormURLEncodingError.invalidUTF8
                    }
                    decodedValue = text
                } else {
                    decodedValue = try PercentEncoding.decode(rawValue)
                }
            } catch {
                throw .invalidRequest("malformed Authorization header: \(error)")
            }
            guard seen.insert(name).inserted else {
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
