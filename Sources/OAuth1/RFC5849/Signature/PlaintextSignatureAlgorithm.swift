import GatehouseCommon

/// The `PLAINTEXT` method of RFC 5849 §3.4.4: the signature is `encode(client secret) & encode(token secret)`.
///
/// It signs nothing, so it MUST only be used over TLS: ``requiresSecureTransport`` is `true`, and the
/// server refuses it over plain HTTP even when insecure transport is otherwise allowed (loopback aside).
/// `oauth_timestamp` and `oauth_nonce` may be omitted (§3.1).
public struct PlaintextSignatureAlgorithm: SignatureAlgorithm {
    /// Creates the algorithm.
    public init() {}

    public func sign(_ input: SignatureInput) throws(OAuth1Error) -> String {
        PercentEncoding.encode(input.clientSecret) + "&" + PercentEncoding.encode(input.tokenSecret)
    }

    public var requiresSecureTransport: Bool { true }
    public var requiresTimestampAndNonce: Bool { false }
    public var usesBaseString: Bool { false }
}
