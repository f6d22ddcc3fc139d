/// A `token_type_hint` (RFC 7009 §2.1, RFC 7662 §2.1).
///
/// An unknown hint is ignored, as RFC 7009 §2.1 allows (the server searches all tokens);
/// Authlib answers `unsupported_token_type` instead.
public enum TokenTypeHint: String, Sendable, Hashable, CaseIterable {
    /// `access_token`.
    case accessToken = "access_token"
    /// `refresh_token`.
    case refreshToken = "refresh_token"
}
