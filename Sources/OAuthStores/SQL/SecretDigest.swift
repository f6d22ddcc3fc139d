import Crypto

/// The SHA-256 hex digests OAuth 2 secrets are stored as (tokens, codes, client secrets).
///
/// Tokens and codes are long random strings, so an unsalted fast digest is enough: it cannot be
/// reversed, and a stolen database yields nothing that works at the token endpoint or an API.
enum SecretDigest {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The lower-case hex SHA-256 of the UTF-8 bytes of `secret`.
    static func sha256Hex(_ secret: String) -> String {
        let digest = SHA256.hash(data: Array(secret.utf8))
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
