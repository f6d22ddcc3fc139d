import GatehouseCommon

/// One way of computing and checking `oauth_signature` (RFC 5849 §3.4).
///
/// Gatehouse ships ``HMACSignatureAlgorithm`` (HMAC-SHA1, and any other hash such as SHA-256),
/// ``RSASHA1SignatureAlgorithm`` and ``PlaintextSignatureAlgorithm``. An application adds its own by
/// conforming and registering it under a ``SignatureMethod`` in a ``SignatureMethodRegistry``.
///
/// Signing is used by clients, verification by servers; both see the same ``SignatureInput``.
///
/// ```swift
/// var registry = SignatureMethodRegistry.standard
/// registry.register(SignatureMethod("HMAC-SHA256"), HMACSignatureAlgorithm<SHA256>())
/// ```
public protocol SignatureAlgorithm: Sendable {
    /// Computes the value of `oauth_signature`, before any transport encoding.
    ///
    /// **Required.**
    ///
    /// - Parameter input: the base string and key material.
    /// - Returns: the signature (base64 for HMAC and RSA, the key itself for PLAINTEXT).
    /// - Throws: ``OAuth1Error`` with `invalid_request` when the key material is unusable (say, a bad PEM).
    func sign(_ input: SignatureInput) throws(OAuth1Error) -> String

    /// Whether `signature` is the right one for `input`, compared in constant time.
    ///
    /// **Default:** signs `input` and compares the results with ``/GatehouseCommon/ConstantTimeComparison``.
    ///
    /// - Parameters:
    ///   - signature: the decoded value of `oauth_signature`.
    ///   - input: the base string and key material as the server knows them.
    /// - Returns: `true` only when the signature is valid.
    func verify(_ signature: String, for input: SignatureInput) -> Bool

    /// Whether the method exposes the shared secrets and so MUST only travel over TLS (PLAINTEXT, RFC 5849 §3.4.4).
    ///
    /// **Default:** `false`.
    var requiresSecureTransport: Bool { get }

    /// Whether `oauth_timestamp` and `oauth_nonce` are required (RFC 5849 §3.1: they MAY be omitted with PLAINTEXT).
    ///
    /// **Default:** `true`.
    var requiresTimestampAndNonce: Bool { get }

    /// Whether the algorithm reads ``SignatureInput/baseString``; servers skip building it when not.
    ///
    /// **Default:** `true`.
    var usesBaseString: Bool { get }
}

extension SignatureAlgorithm {
    public func verify(_ signature: String, for input: SignatureInput) -> Bool {
        guard let expected = try? sign(input) else { return false }
        return ConstantTimeComparison.isEqual(expected, signature)
    }

    public var requiresSecureTransport: Bool { false }
    public var requiresTimestampAndNonce: Bool { true }
    public var usesBaseString: Bool { true }
}
