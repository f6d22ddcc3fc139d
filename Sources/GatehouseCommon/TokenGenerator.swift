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
        precondition(!alphabet.isEmpty && alphabet.count <= 256, "alphabet must have 1 to 256 characters")
        let count = max(0, length)
        // Each system draw is a getrandom(2) call: take 8 random bytes per draw and keep those below
        // the largest multiple of the alphabet size (rejection sampling: no modulo bias).
        let limit = 256 - 256 % alphabet.count
        var generator = SystemRandomNumberGenerator()
        return String(unsafeUninitializedCapacity: count) { output in
            var filled = 0
            while filled < count {
                var word = generator.next()
                for _ in 0..<8 where filled < count {
                    let byte = Int(word & 0xFF)
                    word >>= 8
                    if byte < limit {
                        output[filled] = alphabet[byte % alphabet.count]
                        filled += 1
                    }
                }
            }
            return count
        }
    }
}
