public import GatehouseConfig

extension Config {
    /// Where `AUTHLIB_INSECURE_TRANSPORT` lets the OAuth endpoints answer plain http.
    public enum InsecureTransport: Sendable, Hashable {
        /// Unset or empty: TLS everywhere (the default).
        case never
        /// `loopback`: only requests addressed to a loopback host (`localhost`, `127.0.0.0/8`, `[::1]`),
        /// decided per request; what a development server on a loopback address wants.
        case loopbackHosts
        /// Any other non-empty value (Authlib's reading of the variable): every request.
        case anyHost
    }

    /// `AUTHLIB_INSECURE_TRANSPORT` read as Authlib does (any non-empty value allows plain http), with
    /// Gatehouse's stricter value `loopback`.
    public var insecureTransport: InsecureTransport {
        guard isSet(.authlibInsecureTransport) else { return .never }
        return string(.authlibInsecureTransport)?.lowercased() == "loopback" ? .loopbackHosts : .anyHost
    }

    /// ``insecureTransport`` when `AUTHLIB_INSECURE_TRANSPORT` is present, `nil` when absent: a
    /// server's transport setting made in code stays unless the key says otherwise, whatever the
    /// order of setting it and `initApp`.
    public var insecureTransportSetting: InsecureTransport? {
        string(.authlibInsecureTransport) == nil ? nil : insecureTransport
    }

    /// Sets a server's two transport flags from `AUTHLIB_INSECURE_TRANSPORT` when the key is
    /// present, and leaves them as set in code when it is absent (see ``insecureTransportSetting``).
    ///
    /// - Parameters:
    ///   - anyHost: plain http for every request (any non-empty value but `loopback`).
    ///   - loopbackHosts: plain http for requests to a loopback host (`loopback`).
    public func applyInsecureTransport(anyHost: inout Bool, loopbackHosts: inout Bool) {
        guard let transport = insecureTransportSetting else { return }
        anyHost = transport == .anyHost
        loopbackHosts = transport == .loopbackHosts
    }
}
