/// The name of an OAuth 1 signature method, the value of `oauth_signature_method` (RFC 5849 §3.4).
///
/// Extensible: the RFC allows methods beyond its three (§3.4), and Authlib lets an application
/// register its own, so this is a string struct rather than an enum. Pair a name with a
/// ``SignatureAlgorithm`` in a ``SignatureMethodRegistry``.
///
/// ```swift
/// let hmacSHA256 = SignatureMethod("HMAC-SHA256")
/// ```
public struct SignatureMethod: RawRepresentable, Sendable, Hashable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a method from its `oauth_signature_method` name.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    /// `HMAC-SHA1` (RFC 5849 §3.4.2).
    public static let hmacSHA1 = SignatureMethod("HMAC-SHA1")
    /// `RSA-SHA1` (RFC 5849 §3.4.3): RSASSA-PKCS1-v1_5 over SHA-1 with the client's RSA key.
    public static let rsaSHA1 = SignatureMethod("RSA-SHA1")
    /// `PLAINTEXT` (RFC 5849 §3.4.4): the secrets themselves; TLS only.
    public static let plaintext = SignatureMethod("PLAINTEXT")
}
