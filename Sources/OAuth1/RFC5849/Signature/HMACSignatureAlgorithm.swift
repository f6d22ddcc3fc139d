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
        // hash, the code is specialised at compile time, while the generic call (this type is used
        // through `any SignatureAlgorithm`) looks up swift-crypto's type metadata on every request.
        if H.self == Insecure.SHA1.self {
            var hmac = HMACSHA1KeyStates.shared.state(forKey: Self.key(clientSecret: input.clientSecret, tokenSecret: input.tokenSecret))
            return Self.finish(&hmac, text: input.baseString)
        }
        var key = Self.key(clientSecret: input.clientSecret, tokenSecret: input.tokenSecret)
        var hmac = key.withUTF8 { HMAC<H>(key: SymmetricKey(data: UnsafeRawBufferPointer($0))) }
        return Self.finish(&hmac, text: input.baseString)
    }

    private static func finish<Hash: HashFunction>(_ hmac: inout HMAC<Hash>, text: String) -> Data {
        var text = text
        text.withUTF8 { hmac.update(data: UnsafeRawBufferPointer($0)) }
        // Copied out as one block: iterating the code as a sequence goes byte by byte through
        // unspecialised generic code.
        return hmac.finalize().withUnsafeBytes { Data($0) }
    }
}

/// HMAC-SHA1 states already keyed, by key: a protected resource is called again and again with
/// the same client and token secrets, and keying an HMAC (padding the key, hashing both pads,
/// four allocations) cost as much as authenticating the base string. A copy of a keyed state
/// computes the same code as a fresh one. Bounded: when full, the table starts over.
final class HMACSHA1KeyStates: Sendable {
    static let shared = HMACSHA1KeyStates(capacity: 1024)

    private let states = LockedValue<[String: HMAC<Insecure.SHA1>]>([:])
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The HMAC state keyed with `key`, from the table or made and kept.
    func state(forKey key: String) -> HMAC<Insecure.SHA1> {
        if let state = states.withLock({ $0[key] }) { return state }
        var key = key
        let state = key.withUTF8 { HMAC<Insecure.SHA1>(key: SymmetricKey(data: UnsafeRawBufferPointer($0))) }
        states.withLock { states in
            if states.count >= capacity { states.removeAll(keepingCapacity: true) }
            states[key] = state
        }
        return state
    }
}
