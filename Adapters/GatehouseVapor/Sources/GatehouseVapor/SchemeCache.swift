import Synchronization
import Vapor

/// The scheme a guard's clients sign or send (`https` when the application serves TLS, else
/// `http`), read from the application's server configuration once: that read takes Vapor's
/// storage lock and copies the whole configuration, too much for every guarded request. After
/// the first request, one atomic load and no lock.
final class SchemeCache: Sendable {
    /// 0 until the first request, then 1 for `http` or 2 for `https`.
    private let resolved = Atomic<UInt8>(0)

    /// The scheme of `request`'s application.
    func scheme(of request: Vapor.Request) -> String {
        switch resolved.load(ordering: .relaxed) {
        case 1: return "http"
        case 2: return "https"
        default:
            let scheme = request.application.oauthScheme
            resolved.store(scheme == "https" ? 2 : 1, ordering: .relaxed)
            return scheme
        }
    }
}

extension Vapor.Application {
    /// The scheme its clients use: `https` when it serves TLS, else `http`.
    var oauthScheme: String { http.server.configuration.tlsConfiguration == nil ? "http" : "https" }
}
