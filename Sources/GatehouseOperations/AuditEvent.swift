public import GatehouseCommon

/// What happened, in an audit record (``Audit``): the `event` of the line.
///
/// An open vocabulary, like `GrantType`: the built-in events below, and any an application adds
/// (`extension AuditEvent { static let consentGiven = AuditEvent("consent_given") }`).
public struct AuditEvent: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The event's name in log lines, snake_case.
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// Creates an event named `name`.
    public init(_ name: String) { self.rawValue = name }

    public var description: String { rawValue }

    /// A client proved its identity at the token, revocation or introspection endpoint.
    public static let clientAuthenticated = AuditEvent("client_authenticated")
    /// A token was issued and saved.
    public static let tokenIssued = AuditEvent("token_issued")
    /// A token was revoked (RFC 7009, or a rotated refresh token retired).
    public static let tokenRevoked = AuditEvent("token_revoked")
    /// A whole token family was revoked.
    public static let grantRevoked = AuditEvent("grant_revoked")
    /// A revoked refresh token was presented again: likely stolen; its family is revoked
    /// (RFC 9700 §4.14.2).
    public static let refreshTokenReuseDetected = AuditEvent("refresh_token_reuse_detected")
    /// A used authorization code was presented again: its family is revoked (RFC 6749 §4.1.2).
    public static let authorizationCodeReuseDetected = AuditEvent("authorization_code_reuse_detected")
    /// A client or address was refused for sending too many requests.
    public static let throttled = AuditEvent("throttled")
}
