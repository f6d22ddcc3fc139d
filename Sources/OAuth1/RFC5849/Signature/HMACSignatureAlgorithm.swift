public import Crypto
import FoundationEssentials
import GatehouseCommon

/// The HMAC signature methods: `HMAC-SHA1` of RFC 5849 §3.4.2 with `H = Insecure.SHA1`, and the
/// same construction over another hash (`HMAC-SHA256` with `H = SHA256`, a common extension).
///
/// The key is `encode(client secret) & encode(token secret)` (§3.6 encoding, the `&` always present),
/// the text is the signature base string, and the digest is base64-encoded.
///
/// ```swift
/// let signature = try HMACSignatureAlgorithm<Insecure.SHA1>().sign(
///     SignatureInput(baseString: base, clientSecret: "kd94hf93k423kf44", tokenSecret: "pfkkdhi9sl3r4s00"))
/// ```
public struct HMACSignatureAlgorithm<H: HashFunction>: SignatureAlgorithm {
    /// Creates the algorithm.
    public init() {}

    /// The HMAC key of RFC 5849 §3.4.2: both secrets percent-encoded, joined by `&`.
    public static func key(clientSecret: String, tokenSecret: String) -> String {
        PercentEncoding.encode(clientSecret) + "&" + PercentEncoding.encode(tokenSecret)
    }

    public func sign(_ input: SignatureInput) throws(OAuth1Error) -> String {
        if H.self == Insecure.SHA1.self {
            return Self.sha1Key(input).withBase64AuthenticationCode(for: input.baseString) { String(decoding: $0, as: UTF8.self) }
        }
        return mac(input).base64EncodedString()
    }

    /// Verifies by recomputing the signature and comparing the base64 strings with
    /// ``/GatehouseCommon/ConstantTimeComparison``: only the canonical encoding is accepted (a decoded comparison
    /// would also accept variants whose unused trailing bits differ).
    public func verify(_ signature: String, for input: SignatureInput) -> Bool {
        if H.self == Insecure.SHA1.self {
            // HMAC-SHA1 is the RFC's method and the one servers verify all day: a ready key from the
            // table, the code in base64 on the stack, compared with the signature's own bytes.
            return Self.sha1Key(input).withBase64AuthenticationCode(for: input.baseString) { expected in
                signature.withContiguousUTF8 { ConstantTimeComparison.isEqual(bytes: expected, $0) }
            }
        }
        return ConstantTimeComparison.isEqual(mac(input).base64EncodedString(), signature)
    }

    private static func sha1Key(_ input: SignatureInput) -> HMACSHA1Key {
        HMACSHA1KeyStates.shared.key(clientSecret: input.clientSecret, tokenSecret: input.tokenSecret)
    }

    /// The code of any other hash, through swift-crypto's generic `HMAC`.
    private func mac(_ input: SignatureInput) -> Data {
        var key = Self.key(clientSecret: input.clientSecret, tokenSecret: input.tokenSecret)
        var hmac = key.withUTF8 { HMAC<H>(key: SymmetricKey(data: UnsafeRawBufferPointer($0))) }
        var text = input.baseString
        text.withUTF8 { hmac.update(data: UnsafeRawBufferPointer($0)) }
        // Copied out as one block: iterating the code as a sequence goes byte by byte through
        // unspecialised generic code.
        return hmac.finalize().withUnsafeBytes { Data($0) }
    }
}
