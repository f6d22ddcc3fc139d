/// An absolute `http`/`https` request URI taken apart for RFC 5849 §3.4.1.2 and §3.4.1.3.1.
///
/// Internal: the public surface is ``SignatureBaseString/normalizeURI(_:)`` and ``OAuth1Request``.
struct RequestURI: Sendable, Hashable {
    /// The scheme, lower-cased.
    var scheme: String
    /// The host, lower-cased; an IPv6 literal keeps its brackets.
    var host: String
    /// The explicit port, if any.
    var port: Int?
    /// The path as sent (still percent-encoded); `/` when empty.
    var path: String
    /// The raw query after `?`, without the fragment; `nil` when there is no `?`.
    var query: String?

    /// Parses `uri`, which must be absolute with a scheme and a host.
    init(parsing uri: String) throws(OAuth1Error) {
        var uri = uri
        let result = uri.withUTF8 { bytes in Result { () throws(OAuth1Error) in try RequestURI(bytes: bytes) } }
        self = try result.get()
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) throws(OAuth1Error) {
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        // scheme "://"
        var schemeEnd = 0
        while schemeEnd < bytes.count, bytes[schemeEnd] != UInt8(ascii: ":") { schemeEnd += 1 }
        guard schemeEnd + 2 < bytes.count, bytes[schemeEnd + 1] == UInt8(ascii: "/"), bytes[schemeEnd + 2] == UInt8(ascii: "/")
        else { throw .invalidRequest("the request URI must be absolute") }
        guard schemeEnd > 0, isLetter(bytes[0]),
            bytes[0..<schemeEnd].allSatisfy({
                isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
            })
        else { throw .invalidRequest("the request URI has an invalid scheme") }
        self.scheme = text(0..<schemeEnd).lowercased()

        // authority, up to the path, query or fragment; userinfo dropped
        let authorityStart = schemeEnd + 3
        var end = bytes.count
        if let hash = bytes[authorityStart...].firstIndex(of: UInt8(ascii: "#")) { end = hash }
        var authorityEnd = authorityStart
        while authorityEnd < end, bytes[authorityEnd] != UInt8(ascii: "/"), bytes[authorityEnd] != UInt8(ascii: "?") {
            authorityEnd += 1
        }
        var hostStart = authorityStart
        if let at = bytes[authorityStart..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) { hostStart = at + 1 }

        var hostEnd = authorityEnd
        var portRange: Range<Int>?
        if hostStart < authorityEnd, bytes[hostStart] == UInt8(ascii: "[") {
            guard let close = bytes[hostStart..<authorityEnd].firstIndex(of: UInt8(ascii: "]")) else {
                throw .invalidRequest("the request URI has an invalid host")
            }
            hostEnd = close + 1
            if hostEnd < authorityEnd {
                guard bytes[hostEnd] == UInt8(ascii: ":") else { throw .invalidRequest("the request URI has an invalid host") }
                portRange = (hostEnd + 1)..<authorityEnd
            }
        } else if let colon = bytes[hostStart..<authorityEnd].lastIndex(of: UInt8(ascii: ":")) {
            hostEnd = colon
            portRange = (colon + 1)..<authorityEnd
        }
        guard hostEnd > hostStart,
            !bytes[hostStart..<hostEnd].contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
        else { throw .invalidRequest("the request URI has no host") }
        self.host = text(hostStart..<hostEnd).lowercased()

        if let portRange, !portRange.isEmpty {
            var port = 0
            guard portRange.count <= 5, bytes[portRange].allSatisfy(isDigit) else {
                throw .invalidRequest("the request URI has an invalid port")
            }
            for byte in bytes[portRange] { port = port * 10 + Int(byte - UInt8(ascii: "0")) }
            guard port <= 65535 else { throw .invalidRequest("the request URI has an invalid port") }
            self.port = port
        } else {
            self.port = nil
        }

        if let question = bytes[authorityEnd..<end].firstIndex(of: UInt8(ascii: "?")) {
            self.path = question == authorityEnd ? "/" : text(authorityEnd..<question)
            self.query = text((question + 1)..<end)
        } else {
            self.path = authorityEnd == end ? "/" : text(authorityEnd..<end)
            self.query = nil
        }
    }

    /// The port if it is not the scheme's default (80 for http, 443 for https).
    var significantPort: Int? {
        guard let port else { return nil }
        if (scheme == "http" && port == 80) || (scheme == "https" && port == 443) { return nil }
        return port
    }

    /// The base string URI of RFC 5849 §3.4.1.2: lower-case scheme and host, default port dropped,
    /// no query or fragment.
    var baseStringURI: String {
        var result = scheme + "://" + host
        if let port = significantPort { result += ":" + String(port) }
        return result + path
    }

    /// Whether the host is a loopback address (`localhost`, `127.0.0.0/8`, `[::1]`), which RFC 8252 §7.3
    /// and Authlib treat as not needing TLS.
    var isLoopback: Bool {
        if host == "localhost" || host == "[::1]" || host.hasSuffix(".localhost") { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127"
            && octets.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }
    }
}
