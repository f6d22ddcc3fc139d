import HTTPTypes

/// Values captured from the path by a route pattern: `:name` segments by name, and the tail
/// matched by a `**` wildcard.
public struct RouteParameters: Sendable, Hashable {
    private var values: [(name: String, value: String)] = []
    /// The rest of the path matched by a trailing `**`, without a leading slash.
    public var tail: String?

    /// Creates an empty set.
    public init() {}

    /// The decoded value captured for `:name`.
    public subscript(name: String) -> String? {
        values.last { $0.name == name }?.value
    }

    /// The value for `name`, as an integer or other `LosslessStringConvertible` type.
    ///
    /// - Throws: ``HTTPError`` 400 when absent or not convertible.
    public func require<T: LosslessStringConvertible>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let raw = self[name], let value = T(raw) else {
            throw HTTPError(.badRequest, message: "Invalid path parameter '\(name)'")
        }
        return value
    }

    mutating func set(_ name: String, _ value: String) {
        values.append((name, value))
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.tail == rhs.tail && lhs.values.elementsEqual(rhs.values) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(tail)
        for (name, value) in values {
            hasher.combine(name)
            hasher.combine(value)
        }
    }
}
