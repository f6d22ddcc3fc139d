/// A JWS algorithm Gatehouse signs with (RFC 7518 §3; RFC 8037 for EdDSA).
///
/// Asymmetric only: ID tokens, JWT access tokens and client assertions are verified by parties that
/// must not be able to sign. `HS256` (`client_secret_jwt`) is verified with the client's secret,
/// outside a key set.
public enum SigningAlgorithm: String, Sendable, Hashable, CaseIterable, Codable {
    /// RSASSA-PKCS1-v1_5 with SHA-256, 2048-bit keys: what every OpenID Connect party supports
    /// (OIDC Core §15.1 makes it the default `id_token_signed_response_alg`).
    case rs256 = "RS256"
    /// ECDSA on P-256 with SHA-256: small, fast signatures.
    case es256 = "ES256"
    /// Ed25519 (RFC 8037).
    case edDSA = "EdDSA"

    /// The JWK `kty` of its keys.
    public var keyType: String {
        switch self {
        case .rs256: "RSA"
        case .es256: "EC"
        case .edDSA: "OKP"
        }
    }
}
