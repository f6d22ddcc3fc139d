#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Strings from UTF-8 bytes that must be well-formed (parameters, headers, bodies).
///
/// The standard library's `String(validating:as:)` is generic over the encoding and the byte
/// sequence, and calling it across modules instantiates type metadata on every call: about 3% of
/// a request through the OAuth 1 resource protector, which decodes a dozen parameters. Decoding
/// with `String(decoding:as:)` (specialised for contiguous UTF-8) and checking that nothing was
/// repaired gives the same answer: a repair replaces an ill-formed sequence with U+FFFD, whose
/// bytes `EF BF BD` are well-formed and so cannot have been there in its place.
public enum UTF8Validation {
    /// The string `bytes` encode, or `nil` when they are not well-formed UTF-8.
    public static func string(validating bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var string = String(decoding: bytes, as: UTF8.self)
        let unchanged = string.withUTF8 { decoded -> Bool in
            guard decoded.count == bytes.count else { return false }
            guard let decodedBase = decoded.baseAddress, let base = bytes.baseAddress else { return true }
            return memcmp(decodedBase, base, bytes.count) == 0
        }
        return unchanged ? string : nil
    }

    /// The string `bytes` encode, or `nil` when they are not well-formed UTF-8.
    public static func string(validating bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { string(validating: $0) }
    }
}
