import GatehouseCommon

/// A PKCE `code_challenge_method` (RFC 7636 §4.2).
public enum CodeChallengeMethod: String, Sendable, Hashable, CaseIterable {
    /// `S256`: `BASE64URL(SHA256(code_verifier))`. The default and the only one on by default (RFC 9700 §2.1.1).
    case s256 = "S256"
    /// `plain`: the challenge is the verifier. Off unless configured.
    case plain
}
