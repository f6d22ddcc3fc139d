/// Comparison of secrets whose running time does not depend on where the inputs differ.
///
/// Every check of a client secret, token secret, PKCE verifier or signature goes through here, so
/// a timing side channel cannot reveal a secret byte by byte (RFC 6749 §10.2, RFC 5849 §4.6).
public enum ConstantTimeComparison {
    /// Whether `lhs` and `rhs` are equal, examining every byte of the longer input.
    public static func isEqual(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        var difference: UInt8 = lhs.count == rhs.count ? 0 : 1
        let length = max(lhs.count, rhs.count)
        var left = lhs.makeIterator()
        var right = rhs.makeIterator()
        for _ in 0..<length {
            let a = left.next() ?? 0
            let b = right.next() ?? 0
            difference |= a ^ b
        }
        return difference == 0
    }

    /// Whether two strings have the same UTF-8 bytes, in constant time for a given length.
    public static func isEqual(_ lhs: String, _ rhs: String) -> Bool {
        // On the strings' own bytes: no copy into two arrays on every signature check.
        lhs.withContiguousUTF8 { left in rhs.withContiguousUTF8 { right in isEqual(bytes: left, right) } }
    }

    /// Whether two byte buffers are equal, examining every byte of the longer one: the generic
    /// comparison, specialised here for callers in other modules.
    public static func isEqual(bytes lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        isEqual(lhs, rhs)
    }
}
