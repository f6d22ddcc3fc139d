/// Helpers for `scope` strings: space-delimited, case-sensitive lists (RFC 6749 §3.3).
public enum Scope {
    /// Splits a scope string into its distinct tokens, in order.
    public static func list(_ scope: String?) -> [String] {
        guard let scope else { return [] }
        // Split on the space byte (Character-wise splitting cost more than the rest of a grant);
        // a handful of tokens is de-duplicated by comparison, longer lists through a set, so a
        // hostile scope of many tokens stays linear.
        var tokens: [String] = []
        var seen: Set<String> = []
        for part in scope.utf8.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true) {
            let token = String(Substring(part))
            if tokens.count < smallList {
                if !tokens.contains(token) { tokens.append(token) }
            } else {
                if seen.isEmpty { seen = Set(tokens) }
                if seen.insert(token).inserted { tokens.append(token) }
            }
        }
        return tokens
    }

    /// The tokens of `requested` that `allowed` holds, in the order requested.
    public static func intersection(_ requested: [String], allowed: [String]) -> [String] {
        if allowed.count <= smallList { return requested.filter { allowed.contains($0) } }
        let set = Set(allowed)
        return requested.filter { set.contains($0) }
    }

    /// Up to this many tokens, comparing one by one beats hashing.
    private static let smallList = 16

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
        // Bytes: every byte of a non-ASCII character is over 0x7E, so those are refused as before.
        scope.utf8.allSatisfy { value in
            value == 0x20 || ((0x21...0x7E).contains(value) && value != 0x22 && value != 0x5C)
        }
    }
}
