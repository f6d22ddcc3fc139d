import NIOConcurrencyHelpers

/// A key for ``TypedStorage``, in Vapor's style: the key type names the slot and fixes the type
/// of its value.
///
/// ```swift
/// enum CurrentUserKey: StorageKey { typealias Value = User }
/// request.locals[CurrentUserKey.self] = user
/// ```
public protocol StorageKey {
    /// The type of the value stored under this key.
    associatedtype Value: Sendable
}

/// Typed storage keyed by ``StorageKey`` types, safe to share across tasks.
///
/// A request's ``Request/locals`` is one (shared by every copy of the request, so a value bound by
/// a middleware is visible to the handler and to the middleware around it); an app's
/// ``App/extensions`` is another, where objects created before the app attach themselves with
/// `initApp(_:)`.
public final class TypedStorage: Sendable {
    private let storage = NIOLockedValueBox<[ObjectIdentifier: any Sendable]>([:])

    /// Creates empty storage.
    public init() {}

    /// The value stored under `key`, or `nil`.
    public subscript<Key: StorageKey>(key: Key.Type) -> Key.Value? {
        get { storage.withLockedValue { $0[ObjectIdentifier(key)] as? Key.Value } }
        set { storage.withLockedValue { $0[ObjectIdentifier(key)] = newValue } }
    }
}
