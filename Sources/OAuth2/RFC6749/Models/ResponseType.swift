/// A `response_type` value (RFC 6749 §3.1.1), extensible for custom grants.
public struct ResponseType: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a value from its wire string.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    /// `code`: the authorization code grant (RFC 6749 §4.1.1).
    public static let code = ResponseType("code")
    /// `token`: the implicit grant (RFC 6749 §4.2.1).
    public static let token = ResponseType("token")
}
