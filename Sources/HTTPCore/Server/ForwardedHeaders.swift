import HTTPTypes

/// Reads `X-Forwarded-Proto`, `X-Forwarded-For`, `X-Forwarded-Host` and `Forwarded` (RFC 7239),
/// but only when the peer is a trusted proxy: anyone else could forge them to pass as HTTPS.
enum ForwardedHeaders {
    static func connectionInfo(peer: String?, isTLS: Bool, headers: HTTPFields, trustedProxies: Set<String>) -> ConnectionInfo {
        var info = ConnectionInfo(scheme: isTLS ? "https" : "http", clientAddress: peer, forwardedHost: nil)
        guard let peer, trustedProxies.contains(peer) else { return info }

        if let forwarded = headers[.forwarded] {
            // The last element was added by the proxy we trust.
            let element = forwarded.split(separator: ",").last ?? ""
            for pair in element.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let name = parts[0].trimmingSpaces().lowercased()
                var value = parts[1].trimmingSpaces()
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
                switch name {
                case "proto": info.scheme = value.lowercased() == "https" ? "https" : "http"
                case "for": info.clientAddress = String(value)
                case "host": info.forwardedHost = String(value)
                default: break
                }
            }
            return info
        }
        if let proto = headers[.xForwardedProto]?.split(separator: ",").last?.trimmingSpaces() {
            info.scheme = proto.lowercased() == "https" ? "https" : "http"
        }
        if let chain = headers[.xForwardedFor] {
            // Walk from the right, skipping our own proxies: the first other address is the client.
            let hops = chain.split(separator: ",").map { String($0.trimmingSpaces()) }
            info.clientAddress = hops.last { !trustedProxies.contains($0) } ?? hops.first ?? peer
        }
        if let host = headers[.xForwardedHost]?.split(separator: ",").last?.trimmingSpaces() {
            info.forwardedHost = String(host)
        }
        return info
    }
}
