/// The scopes a protected resource needs (Authlib's `require_oauth('a b')` / `require_oauth(['a', 'b'])`).
///
/// One string means all of its space-delimited scopes; a list means any one of its entries
/// (each entry itself a string of scopes that are all needed); `nil` or ``none`` means no scope.
///
/// ```swift
/// let profile: ScopeRequirement = "profile"             // profile
/// let both: ScopeRequirement = "profile email"          // profile AND email
/// let either: ScopeRequirement = ["profile", "email"]   // profile OR email
/// ```
public struct ScopeRequirement: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByNilLiteral, CustomStringConvertible
{
    /// Alternatives: the token must hold every scope of at least one. Empty: no scope needed.
    public var alternatives: [Set<String>]

    /// No scope required.
    public static let none = ScopeRequirement(alternatives: [])

    /// Creates a requirement from alternatives.
    public init(alternatives: [Set<String>]) {
        self.alternatives = alternatives.filter { !$0.isEmpty }
    }

    /// All scopes of a space-delimited string.
    public static func all(_ scope: String) -> ScopeRequirement {
        ScopeRequirement(alternatives: [Scope.set(scope)])
    }

    /// Any one of the entries; each entry is a space-delimited string whose scopes are all needed.
    public static func anyOf(_ scopes: [String]) -> ScopeRequirement {
        ScopeRequirement(alternatives: scopes.map(Scope.set))
    }

    public init(stringLiteral value: String) { self = .all(value) }
    public init(arrayLiteral elements: String...) { self = .anyOf(elements) }
    public init(nilLiteral: ()) { self = .none }

    /// Whether a token with `scope` meets the requirement.
    public func isSatisfied(by scope: String?) -> Bool {
        guard !alternatives.isEmpty else { return true }
        // The same test as `isSubset(of: Scope.set(scope))`, without building a set on every
        // protected call: a token holds a handful of scopes, a linear search wins.
        // Split on the space byte: Character-wise splitting cost more than the rest of the check.
        let granted = (scope ?? "").utf8.split(separator: UInt8(ascii: " "))
        return alternatives.contains { required in
            required.allSatisfy { name in granted.contains { $0.elementsEqual(name.utf8) } }
        }
    }

    /// The scopes named, space-delimited (the `scope` attribute of an `insufficient_scope` challenge).
    public var description: String {
        var seen = Set<String>()
        return alternatives.flatMap { $0.sorted() }.filter { seen.insert($0).inserted }.joined(separator: " ")
    }
}
