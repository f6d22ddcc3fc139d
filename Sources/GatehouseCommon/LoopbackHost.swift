/// Whether a host names this machine's loopback interface: `localhost`, `127.0.0.0/8` and `::1`.
///
/// Used where plain http is tolerated for loopback only: a development server that allows insecure
/// transport for requests addressed to a loopback host (so a request that names a public host, through
/// a plain-http proxy or by DNS rebinding, is still refused), and `http` redirect URIs, which
/// RFC 9700 §2.6 / RFC 8252 §7.3 allow for loopback hosts only. Both checks run on the UTF-8 bytes:
/// the first is on the path of every plain-http token request.
public enum LoopbackHost {
    /// Whether `host` (a URI host without port; an IPv6 literal may keep its brackets) is loopback.
    public static func isLoopback(_ host: some StringProtocol) -> Bool {
        var host = String(host)
        return host.withUTF8 { isLoopback(bytes: $0) }
    }

    /// The host of an absolute URI (`scheme://[userinfo@]host[:port][/...]`), without its port; an IPv6
    /// literal keeps its brackets. `nil` when `uri` has no authority.
    public static func host(ofAbsoluteURI uri: some StringProtocol) -> Substring? {
        let text = Substring(uri)
        let utf8 = text.utf8
        guard let range = hostRange(in: utf8) else { return nil }
        return Substring(utf8[range])
    }

    /// Whether the host of the absolute URI `uri` is loopback.
    public static func isLoopbackURI(_ uri: String) -> Bool {
        var uri = uri
        return uri.withUTF8 { bytes in
            guard let range = hostRange(in: bytes) else { return false }
            return isLoopback(bytes: UnsafeBufferPointer(rebasing: bytes[range]))
        }
    }

    /// The host's byte range: after `://` and any `user@`, up to the port, path, query or fragment.
    private static func hostRange<Bytes: Collection<UInt8>>(in bytes: Bytes) -> Range<Bytes.Index>? {
        var index = bytes.startIndex
        var schemeEnd: Bytes.Index?
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") { schemeEnd = index; break }
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { return nil }
            bytes.formIndex(after: &index)
        }
        guard let colon = schemeEnd else { return nil }
        // The colon must be followed by "//".
        var start = bytes.index(after: colon)
        for _ in 0..<2 {
            guard start != bytes.endIndex, bytes[start] == UInt8(ascii: "/") else { return nil }
            bytes.formIndex(after: &start)
        }
        var end = start
        while end != bytes.endIndex {
            let byte = bytes[end]
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            if byte == UInt8(ascii: "@") { start = bytes.index(after: end) }
            bytes.formIndex(after: &end)
        }
        // [start, end) is host[:port]; an IPv6 literal keeps its brackets.
        if start != end, bytes[start] == UInt8(ascii: "[") {
            var close = start
            while close != end, bytes[close] != UInt8(ascii: "]") { bytes.formIndex(after: &close) }
            return close == end ? nil : start..<bytes.index(after: close)
        }
        var portColon = start
        while portColon != end, bytes[portColon] != UInt8(ascii: ":") { bytes.formIndex(after: &portColon) }
        return start..<portColon
    }

    private static func isLoopback(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var host = bytes[...]
        if host.first == UInt8(ascii: "["), host.last == UInt8(ascii: "]") { host = host.dropFirst().dropLast() }
        if equalsIgnoringCase(host, "localhost") || equalsIgnoringCase(host, "::1") || equalsIgnoringCase(host, "0:0:0:0:0:0:0:1") {
            return true
        }
        // 127.d.d.d, each part 1 to 3 digits, at most 255.
        var octets = 0
        var value = 0
        var digits = 0
        for byte in host {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, octets < 3 else { return false }
                if octets == 0, value != 127 { return false }
                octets += 1
                value = 0
                digits = 0
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits += 1
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                guard digits <= 3, value <= 255 else { return false }
            } else {
                return false
            }
        }
        return octets == 3 && digits > 0
    }

    private static func equalsIgnoringCase(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ text: StaticString) -> Bool {
        guard bytes.count == text.utf8CodeUnitCount else { return false }
        return zip(bytes, UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)).allSatisfy { lhs, rhs in
            (lhs >= UInt8(ascii: "A") && lhs <= UInt8(ascii: "Z") ? lhs | 0x20 : lhs) == rhs
        }
    }
}
