import GatehouseCommon
import Vapor

/// The scheme a guard's clients sign or send (`https` when the application serves TLS, else
/// `http`), read from the application's server configuration once: that read takes Vapor's
/// storage lock and copies the whole configuration, too much for every guarded request.
final class SchemeCache: Sendable {
    private let resolved = LockedValue<String?>(nil)

    /// The scheme of `request`'s application.
    func scheme(of request: Vapor.Request) -> String {
        if let scheme = resolved.withLock({ $0 }) { return scheme }
        let scheme = request.application.oauthScheme
        resolved.withLock { $0 = scheme }
        return scheme
    }
}

extension Vapor.Application {
    /// The scheme its clients use: `https` when it serves TLS, else `http`.
    var oauthScheme: String { http.server.configuration.tlsConfiguration == nil ? "http" : "https" }
}
