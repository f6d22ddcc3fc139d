import GatehouseCommon

/// What a redirect URI must be to be registered for a client (RFC 6749 §3.1.2, RFC 9700 §2.6,
/// RFC 8252 §7): an absolute URI without a fragment or user info, and
/// - `https`, or
/// - `http` to a loopback host only (`127.0.0.0/8`, `[::1]`, `localhost`: native apps), since a code
///   sent in the clear to any other host can be read on the way, or
/// - a private-use scheme of a native app, a reverse domain name such as `com.example.app:/callback`
///   (RFC 8252 §7.1); never `javascript:`, `data:`, `file:` or another scheme without a dot.
///
/// The SQL store checks it when a client is registered (`SQLStore.createOAuth2Client`); call
/// ``problem(with:allowInsecureHTTP:)`` wherever else your app registers clients.
public enum RedirectURIRegistration {
    /// Why `uri` cannot be registered, or `nil` when it can.
    ///
    /// - Parameters:
    ///   - uri: the redirect URI.
    ///   - allowInsecureHTTP: accept `http` to any host (development with insecure transport only).
    public static func problem(with uri: String, allowInsecureHTTP: Bool = false) -> String? {
        guard !uri.isEmpty, uri.utf8.count <= 2048 else { return "a redirect URI must be given, at most 2048 bytes" }
        guard uri.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            return "a redirect URI may not contain spaces, control or non-ASCII characters"
        }
        guard !uri.contains("#") else { return "a redirect URI may not have a fragment (RFC 6749 §3.1.2)" }
        guard let colon = uri.firstIndex(of: ":") else { return "a redirect URI must be absolute (RFC 6749 §3.1.2)" }
        let scheme = uri[..<colon].lowercased()
        guard let first = scheme.unicodeScalars.first, ("a"..."z").contains(first),
            scheme.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0) })
        else { return "a redirect URI must start with a valid scheme" }
        switch scheme {
        case "https", "http":
            // `host(ofAbsoluteURI:)` requires the `://` after the scheme.
            guard let host = LoopbackHost.host(ofAbsoluteURI: uri), !host.isEmpty else {
                return "an http(s) redirect URI needs a host"
            }
            let afterScheme = uri.dropFirst(scheme.count + 3)
            let authority = afterScheme.prefix { $0 != "/" && $0 != "?" }
            guard !authority.contains("@") else { return "a redirect URI may not carry user info" }
            if scheme == "http", !allowInsecureHTTP, !LoopbackHost.isLoopback(host) {
                return "an http redirect URI is allowed for loopback hosts only; use https (RFC 9700 §2.6)"
            }
            return nil
        default:
            guard scheme.contains(".") else {
                return "only https, loopback http and private-use (reverse domain) schemes are allowed (RFC 8252 §7)"
            }
            return nil
        }
    }
}
