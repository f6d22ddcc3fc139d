/// A client authentication method name (RFC 7591 §2 `token_endpoint_auth_method`), extensible.
public struct ClientAuthMethod: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a value from its wire string.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    /// HTTP Basic with `client_id:client_secret` (RFC 6749 §2.3.1).
    public static let clientSecretBasic = ClientAuthMethod("client_secret_basic")
    /// `client_id` and `client_secret` in the form body (RFC 6749 §2.3.1).
    public static let clientSecretPost = ClientAuthMethod("client_secret_post")
    /// A public client: `client_id` only (RFC 6749 §2.1).
    public static let none = ClientAuthMethod("none")
}
