import Crypto
import GatehouseCommon

/// The SHA-256 hex digests OAuth 2 secrets are stored as (tokens, codes, client secrets).
///
/// Tokens and codes are long random strings, so an unsalted fast digest is enough: it cannot be
/// reversed, and a stolen database yields nothing that works at the token endpoint or an API.
enum SecretDigest {
    /// The key an access or refresh token is stored and found under.
    ///
    /// For an ``OrderedToken`` (the authorization server's default format): its non-secret,
    /// time-ordered selector, `.`, then the hex SHA-256 of the whole token. Keys of new tokens sort
    /// after the old ones, so the token indexes grow at their end instead of dirtying a random
    /// page per token (issuance on SQLite went about twice as fast in the writer). Any other
    /// token: the hex SHA-256 alone, as before, so tokens stored earlier are still found.
    static func tokenKey(_ token: String) -> String {
        guard let selector = OrderedToken.selector(of: token) else { return sha256Hex(token) }
        var key = String(selector)
        key.reserveCapacity(selector.utf8.count + 65)
        key += "."
        key += sha256Hex(token)
        return key
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The SHA-256 of the UTF-8 bytes of `secret`.
    static func sha256(_ secret: String) -> SHA256Digest {
        var secret = secret
        return secret.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
    }

    /// The lower-case hex SHA-256 of the UTF-8 bytes of `secret`.
    static func sha256Hex(_ secret: String) -> String {
        let digest = sha256(secret)
        return String(unsafeUninitializedCapacity: 64) { hex in
            var index = 0
            for byte in digest {
                hex[index] = hexDigits[Int(byte >> 4)]
                hex[index + 1] = hexDigits[Int(byte & 0x0F)]
                index += 2
            }
            return index
        }
    }
}
