import Foundation
import HTTPTypes
import NIOConcurrencyHelpers

/// The session of the browser making a request: string values kept between requests.
///
/// Read and change it from a handler through ``Request/session``; ``SessionMiddleware`` loads it
/// before the handler and saves it after, only when it changed.
///
/// ```swift
/// request.session["user_id"] = user.id   // log in
/// request.session.regenerate()            // new session id on privilege change
/// request.session.clear()                 // log out
/// ```
public final class Session: Sendable {
    private struct State {
        var values: [String: String]
        var isModified = false
        var isRegenerated = false
    }

    private let state: NIOLockedValueBox<State>

    /// Creates a session holding `values`.
    public init(_ values: [String: String] = [:]) {
        state = NIOLockedValueBox(State(values: values))
    }

    /// The value stored under `key`; setting `nil` removes it.
    public subscript(key: String) -> String? {
        get { state.withLockedValue { $0.values[key] } }
        set {
            state.withLockedValue {
                guard $0.values[key] != newValue else { return }
                $0.values[key] = newValue
                $0.isModified = true
            }
        }
    }

    /// Removes and returns the value under `key` (a one-shot value such as an OAuth `state`).
    public func pop(_ key: String) -> String? {
        state.withLockedValue { state in
            guard let value = state.values.removeValue(forKey: key) else { return nil }
            state.isModified = true
            return value
        }
    }

    /// Stores a `Codable` value as JSON text.
    public func set(_ key: String, json value: some Encodable) throws {
        self[key] = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    /// Reads a `Codable` value stored with ``set(_:json:)``; `nil` when absent or not decodable.
    public func get<Value: Decodable>(_ key: String, json type: Value.Type) -> Value? {
        guard let text = self[key] else { return nil }
        return try? JSONDecoder().decode(Value.self, from: Data(text.utf8))
    }

    /// Removes every value (log out).
    public func clear() {
        state.withLockedValue {
            guard !$0.values.isEmpty else { return }
            $0.values = [:]
            $0.isModified = true
        }
    }

    /// The key under which ``CSRFProtection`` keeps the session's CSRF token.
    public static let csrfTokenKey = "_csrf_token"

    /// Issues a new session identifier at a privilege change (login), so an identifier planted before
    /// is useless after it (session fixation), and drops the values that must not survive it: the
    /// CSRF token (``csrfTokenKey``; a token read before login must not forge requests after it) and
    /// any key in `keys`. Every other value is kept.
    ///
    /// - Parameter keys: further values to drop, say a pre-login "remember this page".
    public func regenerate(dropping keys: [String] = []) {
        state.withLockedValue {
            $0.values[Self.csrfTokenKey] = nil
            for key in keys { $0.values[key] = nil }
            $0.isRegenerated = true
            $0.isModified = true
        }
    }

    /// All values.
    public var values: [String: String] { state.withLockedValue { $0.values } }

    var isModified: Bool { state.withLockedValue { $0.isModified } }
    var isRegenerated: Bool { state.withLockedValue { $0.isRegenerated } }
}

/// Where ``SessionMiddleware`` puts the session in ``Request/locals``.
enum SessionKey: StorageKey {
    typealias Value = Session
}

extension Request {
    /// The browser session, loaded by ``SessionMiddleware``.
    ///
    /// - Throws: ``HTTPError`` 500 when no session middleware runs for this route (a set-up error).
    public var session: Session {
        get throws {
            guard let session = locals[SessionKey.self] else {
                throw HTTPError(.internalServerError, message: "Session middleware is not installed")
            }
            return session
        }
    }
}
