import Crypto
public import Foundation
import GatehouseCommon
public import GatehouseConfig

/// Loads the browser's ``Session`` before the handler and saves it after.
///
/// Two storages: ``Storage/cookie`` keeps the values in the cookie itself (signed with
/// HMAC-SHA256, so the browser can read but not change them: keep secrets out), and
/// ``Storage/server(_:)`` keeps them in a ``SessionStore`` with only a signed random identifier in
/// the cookie. A cookie whose signature or expiry does not check out is ignored: the request gets
/// a fresh, empty session.
///
/// The cookie is `HttpOnly`, `SameSite=Lax`, `Path=/`, and over TLS `Secure` with the `__Host-`
/// name prefix (`__Host-gatehouse_session`), which browsers accept only from a secure origin, for
/// the whole host, without a `Domain`: a sibling subdomain or a plain-http page cannot plant or
/// overwrite it. A session lasts ``defaultLifetime`` (12 hours) after its last change unless
/// configured otherwise.
public struct SessionMiddleware: Middleware {
    /// Where session values live.
    public enum Storage: Sendable {
        /// In the signed cookie.
        case cookie
        /// In a server-side store; the cookie holds a signed identifier.
        case server(any SessionStore)
    }

    private let key: SymmetricKey
    private let cookieName: String
    private let storage: Storage
    private let lifetime: Int

    /// Seconds a session lasts after its last change unless configured otherwise: 12 hours.
    public static let defaultLifetime = 12 * 3600

    /// Creates the middleware.
    ///
    /// - Parameters:
    ///   - secret: the signing key; at least 32 random bytes, kept out of source control.
    ///   - cookieName: the cookie's name (default `gatehouse_session`); over TLS it is sent with the
    ///     `__Host-` prefix.
    ///   - storage: where values live (default: the cookie).
    ///   - lifetime: seconds a session lasts without being saved again (default ``defaultLifetime``).
    /// - Throws: ``/GatehouseConfig/ConfigError`` when the secret is shorter than 32 bytes or the lifetime is not positive.
    public init(
        secret: String,
        cookieName: String = "gatehouse_session",
        storage: Storage = .cookie,
        lifetime: Int = SessionMiddleware.defaultLifetime
    ) throws {
        guard secret.utf8.count >= 32 else {
            throw ConfigError.invalidValue(key: "SECRET_KEY", expected: "at least 32 bytes", found: "\(secret.utf8.count) bytes")
        }
        guard lifetime > 0 else {
            throw ConfigError.invalidValue(
                key: "PERMANENT_SESSION_LIFETIME",
                expected: "a positive number of seconds",
                found: "\(lifetime)"
            )
        }
        self.key = SymmetricKey(data: Array(secret.utf8))
        self.cookieName = cookieName
        self.storage = storage
        self.lifetime = lifetime
    }

    /// Creates the middleware with the secret from `SECRET_KEY` in `config` and the lifetime from
    /// `PERMANENT_SESSION_LIFETIME` (seconds, Flask's key; default ``defaultLifetime``).
    ///
    /// - Parameters:
    ///   - config: the app configuration.
    ///   - storage: where values live (default: the cookie).
    ///   - secret: the signing key to use when `SECRET_KEY` is not set.
    /// - Throws: ``/GatehouseConfig/ConfigError`` when no secret is given, it is too short, or the lifetime is not a
    ///   positive number.
    public init(config: Config, storage: Storage = .cookie, secret: String? = nil) throws {
        guard let secret = config.string("SECRET_KEY") ?? secret else { throw ConfigError.missing(key: "SECRET_KEY") }
        let lifetime = try config.int("PERMANENT_SESSION_LIFETIME") ?? Self.defaultLifetime
        try self.init(secret: secret, storage: storage, lifetime: lifetime)
    }

    public func handle(_ request: Request, next: Responder) async throws -> Response {
        let name = cookieName(for: request)
        let (id, values) = try await load(request.cookies[name])
        let session = Session(values)
        request.locals[SessionKey.self] = session
        var response = try await next(request)
        guard session.isModified else { return response }
        if let value = try await save(session, previousID: id) {
            response.setCookie(Cookie(name: name, value: value, maxAge: lifetime, secure: request.isSecure))
        } else {
            response.setCookie(Cookie(name: name, value: "", maxAge: 0, secure: request.isSecure))
        }
        return response
    }

    /// `__Host-` + the name over TLS (RFC 6265bis §4.1.3.2: `Secure`, `Path=/`, no `Domain`), the bare
    /// name over plain http, where browsers refuse the prefix.
    private func cookieName(for request: Request) -> String {
        request.isSecure ? "__Host-" + cookieName : cookieName
    }

    // MARK: - Cookie contents

    private func load(_ cookie: String?) async throws -> (id: String?, values: [String: String]) {
        guard let cookie, let payload = verify(cookie) else { return (nil, [:]) }
        switch storage {
        case .cookie:
            guard let data = Base64URL.decode(payload),
                let sealed = try? JSONDecoder().decode(SealedValues.self, from: data),
                sealed.expires > Date().timeIntervalSince1970
            else { return (nil, [:]) }
            return (nil, sealed.values)
        case .server(let store):
            guard let values = try await store.load(id: payload) else { return (nil, [:]) }
            return (payload, values)
        }
    }

    /// Returns the new cookie value, or `nil` when the cookie should be deleted.
    private func save(_ session: Session, previousID: String?) async throws -> String? {
        let values = session.values
        switch storage {
        case .cookie:
            guard !values.isEmpty else { return nil }
            let sealed = SealedValues(values: values, expires: Date().timeIntervalSince1970 + Double(lifetime))
            return sign(Base64URL.encode(try JSONEncoder().encode(sealed)))
        case .server(let store):
            if let previousID, session.isRegenerated || values.isEmpty {
                try await store.delete(id: previousID)
            }
            guard !values.isEmpty else { return nil }
            let id = (session.isRegenerated ? nil : previousID) ?? TokenGenerator.generate(length: 43)
            try await store.save(id: id, values: values, lifetime: lifetime)
            return sign(id)
        }
    }

    private func sign(_ payload: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(payload.utf8), using: key)
        return payload + "." + Base64URL.encode(Data(mac))
    }

    private func verify(_ cookie: String) -> String? {
        guard let dot = cookie.lastIndex(of: ".") else { return nil }
        let payload = String(cookie[..<dot])
        guard let mac = Base64URL.decode(String(cookie[cookie.index(after: dot)...])) else { return nil }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Array(payload.utf8), using: key) ? payload : nil
    }

    private struct SealedValues: Codable {
        var values: [String: String]
        var expires: Double
    }
}
