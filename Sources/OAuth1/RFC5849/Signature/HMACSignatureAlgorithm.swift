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
        mac(input).base64EncodedString()
    }

    /// Verifies by recomputing the signature and comparing the base64 strings with
    /// ``ConstantTimeComparison``: only the canonical encoding is accepted (a decoded comparison
    /// would also accept variants whose unused trailing bits differ).
    public func verify(_ signature: String, for input: SignatureInput) -> Bool {
        ConstantTimeComparison.isEqual(mac(input).base64EncodedString(), signature)
    }

    private func mac(_ input: SignatureInput) -> Data {
        // HMAC-SHA1 is the RFC's method and the one servers verify all day: called with the concrete
        // hash, `authenticationCode` is specialised at compile time, while the generic call (this
        // type is used through `any SignatureAlgorithm`) looks up swift-crypto's type metadata on
        // every request.
        if H.self == Insecure.SHA1.self { return Self.authenticationCode(Insecure.SHA1.self, input) }
        return Self.authenticationCode(H.self, input)
    }

    private static func authenticationCode<Hash: HashFunction>(_: Hash.Type, _ input: SignatureInput) -> Data {
        var key = key(clientSecret: input.clientSecret, tokenSecret: input.tokenSecret)
        var text = input.baseString
        let symmetricKey = key.withUTF8 { SymmetricKey(data: UnsafeRawBufferPointer($0)) }
        let code = text.withUTF8 { HMAC<Hash>.authenticationCode(for: UnsafeRawBufferPointer($0), using: symmetricKey) }
        // Copied out as one block: iterating the code as a sequence goes byte by byte through
        // unspecialised generic code.
        return code.withUnsafeBytes { Data($0) }
    }
}
