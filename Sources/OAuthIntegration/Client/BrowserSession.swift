public import FoundationEssentials

/// The browser's session as the client registry uses it: a string map kept between a login's
/// redirect and its callback, on the server side.
///
/// A host framework's session type conforms in its adapter (HTTPCore's `Session` in
/// `OAuthMiddleware`). The registry keeps a pending OAuth 2 flow (`state`, PKCE verifier, nonce)
/// and the binding of a pending OAuth 1 flow here, so the storage must be server-side: a signed
/// cookie would hand the PKCE verifier to whoever reads the cookie.
public protocol BrowserSession: AnyObject, Sendable {
    /// The value stored under `key`; setting `nil` removes it.
    subscript(key: String) -> String? { get set }

    /// The keys stored.
    var keys: [String] { get }
}

extension BrowserSession {
    /// Removes the value under `key` and returns it.
    public func pop(_ key: String) -> String? {
        let value = self[key]
        if value != nil { self[key] = nil }
        return value
    }

    /// Stores `value` as JSON under `key`.
    public func set(_ key: String, json value: some Encodable) throws {
        self[key] = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    /// The JSON value under `key`, `nil` when absent or not a `Value`.
    public func get<Value: Decodable>(_ key: String, json type: Value.Type) -> Value? {
        guard let text = self[key] else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
