/// A `grant_type` value (RFC 6749 §4), extensible for custom grants (RFC 6749 §4.5).
public struct GrantType: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a value from its wire string.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    /// `authorization_code` (RFC 6749 §4.1).
    public static let authorizationCode = GrantType("authorization_code")
    /// `implicit` (RFC 6749 §4.2); used for lifetimes and metadata, never sent as `grant_type`.
    public static let implicit = GrantType("implicit")
    /// `password` (RFC 6749 §4.3).
    public static let password = GrantType("password")
    /// `client_credentials` (RFC 6749 §4.4).
    public static let clientCredentials = GrantType("client_credentials")
    /// `refresh_token` (RFC 6749 §6).
    public static let refreshToken = GrantType("refresh_token")
}
