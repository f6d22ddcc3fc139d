/// Whether a host names this machine's loopback interface: `localhost`, `127.0.0.0/8` and `::1`.
///
/// Used where plain http is tolerated for loopback only: a development server that allows insecure
/// transport for requests addressed to a loopback host (so a request that names a public host, through
/// a plain-http proxy or by DNS rebinding, is still refused), and `http` redirect URIs, which
/// RFC 9700 §2.6 / RFC 8252 §7.3 allow for loopback hosts only.
public enum LoopbackHost {
    /// Whether `host` (a URI host without port; an IPv6 literal may keep its brackets) is loopback.
    public static func isLoopback(_ host: some StringProtocol) -> Bool {
        var name = Substring(host)
        if name.hasPrefix("["), name.hasSuffix("]") { name = name.dropFirst().dropLast() }
        let lowered = name.lowercased()
        if lowered == "localhost" || lowered == "::1" || lowered == "0:0:0:0:0:0:0:1" { return true }
        let octets = lowered.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            !octet.isEmpty && octet.count <= 3 && octet.allSatisfy { $0.isASCII && $0.isNumber } && (Int(octet) ?? 256) <= 255
        }
    }

    /// The host of an absolute URI (`scheme://[userinfo@]host[:port][/...]`), without its port; an IPv6
    /// literal keeps its brackets. `nil` when `uri` has no authority.
    public static func host(ofAbsoluteURI uri: some StringProtocol) -> Substring? {
        let text = Substring(uri)
        guard let separator = text.firstRange(of: "://") else { return nil }
        let afterScheme = text[separator.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        var authority = afterScheme[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            return authority[...close]
        }
        return authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first
    }

    /// Whether the host of the absolute URI `uri` is loopback.
    public static func isLoopbackURI(_ uri: some StringProtocol) -> Bool {
        host(ofAbsoluteURI: uri).map { isLoopback($0) } ?? false
    }
}
