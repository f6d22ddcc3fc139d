/// An ordered, multi-valued list of name/value pairs, as carried by a URL query or an
/// `application/x-www-form-urlencoded` body.
///
/// Order and repetition are kept: OAuth must reject a parameter sent twice (RFC 6749 §3.1,
/// RFC 5849 §3.1), and OAuth 1 signs every pair, duplicates included (RFC 5849 §3.4.1.3).
///
/// ```swift
/// let form = try Parameters(urlEncoded: "scope=a+b&scope=c")
/// form["scope"]            // "a b" (the first value)
/// form.values(for: "scope") // ["a b", "c"]
/// ```
public struct Parameters: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    /// One decoded name/value pair.
    public struct Pair: Sendable, Hashable {
        /// The parameter's name.
        public var name: String
        /// The parameter's value.
        public var value: String

        /// Creates a pair.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The pairs in the order they were given.
    public var pairs: [Pair]

    /// Creates a list from pairs, keeping their order.
    public init(_ pairs: [Pair] = []) {
        self.pairs = pairs
    }

    /// Creates a list from `(name, value)` tuples, keeping their order.
    public init(_ tuples: [(String, String)]) {
        self.pairs = tuples.map { Pair($0.0, $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    public var startIndex: Int { pairs.startIndex }
    public var endIndex: Int { pairs.endIndex }
    public subscript(position: Int) -> Pair { pairs[position] }

    /// The first value of `name`, or `nil` when it is absent.
    public subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value of `name`, in order.
    public func values(for name: String) -> [String] {
        pairs.compactMap { $0.name == name ? $0.value : nil }
    }

    /// Whether `name` is present at all (possibly with an empty value).
    public func contains(_ name: String) -> Bool {
        pairs.contains { $0.name == name }
    }

    /// How many times `name` occurs.
    public func count(of name: String) -> Int {
        pairs.reduce(0) { $0 + ($1.name == name ? 1 : 0) }
    }

    /// The names that occur more than once, in first-seen order.
    public var repeatedNames: [String] {
        // Sets on both sides keep this linear: a megabyte form of distinct repeated names made the
        // array lookup quadratic (tens of seconds on an event loop).
        var seen = Set<String>()
        var reported = Set<String>()
        var repeated: [String] = []
        for pair in pairs where !seen.insert(pair.name).inserted && reported.insert(pair.name).inserted {
            repeated.append(pair.name)
        }
        return repeated
    }

    /// Appends one pair.
    public mutating func append(_ name: String, _ value: String) {
        pairs.append(Pair(name, value))
    }

    /// Replaces every value of `name` by `value` (or removes it when `value` is `nil`).
    public mutating func set(_ name: String, _ value: String?) {
        pairs.removeAll { $0.name == name }
        if let value { pairs.append(Pair(name, value)) }
    }

    /// A dictionary of the first value of each name; convenient where repetition was already refused.
    public var firstValues: [String: String] {
        var result: [String: String] = [:]
        for pair in pairs where result[pair.name] == nil {
            result[pair.name] = pair.value
        }
        return result
    }
}
