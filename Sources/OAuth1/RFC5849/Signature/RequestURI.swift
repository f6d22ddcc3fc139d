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
        let text = Substring(uri)
        guard let schemeEnd = text.firstRange(of: "://") else {
            throw .invalidRequest("the request URI must be absolute")
        }
        let scheme = text[..<schemeEnd.lowerBound]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") })
        else { throw .invalidRequest("the request URI has an invalid scheme") }
        self.scheme = scheme.lowercased()

        var rest = text[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }

        var hostPart: Substring
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw .invalidRequest("the request URI has an invalid host")
            }
            hostPart = authority[...close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                portPart = after.dropFirst()
            } else if !after.isEmpty {
                throw .invalidRequest("the request URI has an invalid host")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        } else {
            hostPart = authority
        }
        guard !hostPart.isEmpty, !hostPart.contains(where: { $0.isWhitespace }) else {
            throw .invalidRequest("the request URI has no host")
        }
        self.host = hostPart.lowercased()
        if let portPart, !portPart.isEmpty {
            guard portPart.count <= 5, portPart.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(portPart),
                port <= 65535
            else { throw .invalidRequest("the request URI has an invalid port") }
            self.port = port
        } else {
            self.port = nil
        }

        let pathAndQuery = rest[authorityEnd...]
        if let question = pathAndQuery.firstIndex(of: "?") {
            self.path = String(pathAndQuery[..<question])
            self.query = String(pathAndQuery[pathAndQuery.index(after: question)...])
        } else {
            self.path = String(pathAndQuery)
            self.query = nil
        }
        if path.isEmpty { path = "/" }
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
