/// Helpers for `scope` strings: space-delimited, case-sensitive lists (RFC 6749 §3.3).
public enum Scope {
    /// Splits a scope string into its distinct tokens, in order.
    public static func list(_ scope: String?) -> [String] {
        guard let scope else { return [] }
        var seen = Set<String>()
        return scope.split(separator: " ", omittingEmptySubsequences: true)
            .map(String.init)
            .filter { seen.insert($0).inserted }
    }

    /// The set of tokens in a scope string.
    public static func set(_ scope: String?) -> Set<String> {
        Set(list(scope))
    }

    /// Joins tokens into a scope string, or `nil` when there are none.
    public static func join(_ scopes: some Sequence<String>) -> String? {
        let joined = scopes.joined(separator: " ")
        return joined.isEmpty ? nil : joined
    }

    /// Whether every token is a valid `scope-token` (`%x21 / %x23-5B / %x5D-7E`, RFC 6749 §3.3).
    public static func isWellFormed(_ scope: String) -> Bool {
        scope.unicodeScalars.allSatisfy { scalar in
            let value = scalar.value
            return value == 0x20 || ((0x21...0x7E).contains(value) && value != 0x22 && value != 0x5C)
        }
    }
}
