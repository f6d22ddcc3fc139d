/// Random strings for tokens, codes, secrets, nonces and verifiers.
///
/// Uses the system's cryptographically secure generator (``SecureRandom``: one `getrandom(2)` call
/// per token on Linux) and draws without modulo bias. The default alphabet is Authlib's
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
        // Rejection sampling, so there is no modulo bias: keep the random bytes below the largest
        // multiple of the alphabet size. One system call fills a pool with enough bytes for the
        // usual case (at worst half of them are rejected, for alphabets just over 128 symbols).
        let limit = 256 - 256 % alphabet.count
        return String(unsafeUninitializedCapacity: count) { output in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count * 2 + 16) { pool in
                let raw = UnsafeMutableRawBufferPointer(pool)
                var filled = 0
                while filled < count {
                    SecureRandom.fill(raw)
                    for byte in pool where Int(byte) < limit {
                        output[filled] = alphabet[Int(byte) % alphabet.count]
                        filled += 1
                        if filled == count { break }
                    }
                }
            }
            return count
        }
    }
}
