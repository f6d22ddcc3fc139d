/// Everything a ``SignatureAlgorithm`` may need to sign or verify one request.
///
/// The shared secrets are the raw (unencoded) values; each algorithm encodes them as RFC 5849 §3.4.2
/// and §3.4.4 require. An empty secret is the empty string: the `&` separator is always present.
public struct SignatureInput: Sendable {
    /// The signature base string of RFC 5849 §3.4.1 (see ``SignatureBaseString``).
    public var baseString: String
    /// The client shared-secret (`""` when the method does not use it).
    public var clientSecret: String
    /// The token shared-secret: temporary or token credential secret, `""` when no token is involved.
    public var tokenSecret: String
    /// The client's RSA private key in PEM (PKCS#8 or PKCS#1), used when signing with RSA-SHA1.
    public var rsaPrivateKey: String?
    /// The client's RSA public key in PEM (SPKI or PKCS#1), used when verifying RSA-SHA1.
    public var rsaPublicKey: String?

    /// Creates the input of one signature computation.
    ///
    /// - Parameters:
    ///   - baseString: the signature base string (§3.4.1.1).
    ///   - clientSecret: the client shared-secret.
    ///   - tokenSecret: the token shared-secret, `""` when none.
    ///   - rsaPrivateKey: a PEM private key, for RSA-SHA1 signing.
    ///   - rsaPublicKey: a PEM public key, for RSA-SHA1 verification.
    public init(
        baseString: String,
        clientSecret: String = "",
        tokenSecret: String = "",
        rsaPrivateKey: String? = nil,
        rsaPublicKey: String? = nil
    ) {
        self.baseString = baseString
        self.clientSecret = clientSecret
        self.tokenSecret = tokenSecret
        self.rsaPrivateKey = rsaPrivateKey
        self.rsaPublicKey = rsaPublicKey
    }
}
