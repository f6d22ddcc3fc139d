public import FoundationEssentials

/// Tokens that start with a time-ordered, non-secret selector: `SSSSSSSSSSSSrrrrrr.` followed by
/// 40 random letters and digits, where `SSSSSSSSSSSS` is the issue time in milliseconds as 12 hex
/// digits and `rrrrrr` six random characters (59 characters in all).
///
/// A store that keys tokens by their SHA-256 digest inserts every new token at a random place of
/// its index: one page dirtied per token, which was most of the cost of issuing a token on
/// SQLite. A store can instead key a token by its selector followed by the digest
/// (`OAuthStores` does): new keys then sort after the old ones, and the index grows at its end.
/// The selector is a handle, like a JWT's `iat` and `jti`: it tells when the token was issued and
/// nothing that helps to forge it. The secret part alone carries 238 bits (RFC 6749 §10.10 asks
/// for at least 128, and 160 should), and only its digest is stored.
///
/// ```swift
/// let token = OrderedToken.generate()          // "0194f3a2b1c07Qx9Za.k3...": 59 characters
/// OrderedToken.selector(of: token)             // "0194f3a2b1c07Qx9Za"
/// OrderedToken.selector(of: "opaque-token")    // nil
/// ```
public enum OrderedToken {
    /// Characters of the selector: 12 hex digits of time and 6 random characters.
    public static let selectorLength = 18
    /// Random characters after the separator.
    public static let secretLength = 40
    /// Total length: selector, `.`, secret.
    public static let length = selectorLength + 1 + secretLength

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// A new token issued at `date`.
    public static func generate(at date: Date = Date()) -> String {
        let random = TokenGenerator.generate(length: 6 + secretLength)
        var token = timePrefix(at: date)
        token.reserveCapacity(length)
        token += random.prefix(6)
        token += "."
        token += random.dropFirst(6)
        return token
    }

    /// `date` in milliseconds since 1970 as 12 lower-case hex digits: strings of these sort in
    /// time order, under every collation (so PostgreSQL's text order keeps issue order too).
    public static func timePrefix(at date: Date) -> String {
        let milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        return String(unsafeUninitializedCapacity: 12) { output in
            for index in 0..<12 {
                output[index] = hexDigits[Int((milliseconds >> UInt64(44 - 4 * index)) & 0xF)]
            }
            return 12
        }
    }

    /// The selector of a token in this format, or `nil` for any other token (tokens made by
    /// another generator are never split: their every character is secret).
    public static func selector(of token: String) -> Substring? {
        let utf8 = token.utf8
        guard utf8.count == length else { return nil }
        var index = 0
        for byte in utf8 {
            let valid: Bool
            switch index {
            case 0..<12: valid = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)
            case selectorLength: valid = byte == UInt8(ascii: ".")
            default: valid = isAlphanumeric(byte)
            }
            guard valid else { return nil }
            index += 1
        }
        let end = utf8.index(utf8.startIndex, offsetBy: selectorLength)
        return token[..<end]
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
