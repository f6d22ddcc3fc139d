/// Random strings for tokens, codes, secrets, nonces and verifiers.
///
/// Uses the system's cryptographically secure generator (`SystemRandomNumberGenerator`, backed by
/// `getrandom(2)` on Linux) and draws without modulo bias. The default alphabet is Authlib's
/// `UNICODE_ASCII_CHARACTER_SET` (letters and digits), so a generated value needs no escaping in a
/// URL, a form body or a header.
public enum TokenGenerator {
    /// Letters and digits: 62 symbols, about 5.95 bits of entropy each.
    public static let alphanumeric: [UInt8] = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    /// The RFC 7636 `code_verifier` alphabet: unreserved characters.
    public static let unreserved: [UInt8] = alphanumeric + Array("-._~".utf8)

    /// Returns `length` random characters from `alphabet` (Authlib's `generate_token`).
    ///
    /// - Parameters:
    ///   - length: how many characters; Authlib's default is 30 (~178 bits).
    ///   - alphabet: the characters to draw from; must not be empty.
    public static func generate(length: Int = 30, alphabet: [UInt8] = alphanumeric) -> String {
        precondition(!alphabet.isEmpty, "alphabet must not be empty")
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: max(0, length))
        let upperBound = UInt64(alphabet.count)
        for index in bytes.indices {
            bytes[index] = alphabet[Int(generator.next(upperBound: upperBound))]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
