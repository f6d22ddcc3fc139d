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
    /// A handful of entries (a request's locals hold one or two): a list searched by identity
    /// costs less than hashing into a dictionary, which every guarded request paid to store its
    /// credential.
    private let storage = NIOLockedValueBox<[(key: ObjectIdentifier, value: any Sendable)]>([])

    /// Creates empty storage.
    public init() {}

    /// The value stored under `key`, or `nil`.
    public subscript<Key: StorageKey>(key: Key.Type) -> Key.Value? {
        get {
            let id = ObjectIdentifier(key)
            return storage.withLockedValue { entries in entries.first { $0.key == id }?.value as? Key.Value }
        }
        set {
            let id = ObjectIdentifier(key)
            storage.withLockedValue { entries in
                let index = entries.firstIndex { $0.key == id }
                switch (index, newValue) {
                case (let index?, let value?): entries[index].value = value
                case (let index?, nil): entries.remove(at: index)
                case (nil, let value?): entries.append((id, value))
                case (nil, nil): break
                }
            }
        }
    }
}
