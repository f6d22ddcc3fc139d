import Crypto

/// Which ``SignatureAlgorithm`` implements each ``SignatureMethod``, per server or client instance.
///
/// Authlib's `register_signature_method` changes a class attribute, so every server in the process
/// sees it; here the registry is a value owned by one server (or client), so two servers can accept
/// different methods. Registering does not make a server *accept* a method: its configuration lists
/// the supported methods (`OAUTH1_SUPPORTED_SIGNATURE_METHODS`), and a method must be in both.
///
/// ```swift
/// var registry = SignatureMethodRegistry.standard
/// registry.register(SignatureMethod("HMAC-SHA256"), HMACSignatureAlgorithm<SHA256>())
/// let signature = try registry.sign(SignatureMethod("HMAC-SHA256"), input)
/// ```
public struct SignatureMethodRegistry: Sendable {
    private var algorithms: [SignatureMethod: any SignatureAlgorithm]

    /// Creates a registry holding exactly `algorithms`.
    public init(_ algorithms: [SignatureMethod: any SignatureAlgorithm] = [:]) {
        self.algorithms = algorithms
    }

    /// The three methods of RFC 5849 §3.4: HMAC-SHA1, RSA-SHA1 and PLAINTEXT.
    public static var standard: SignatureMethodRegistry {
        SignatureMethodRegistry([
            .hmacSHA1: HMACSignatureAlgorithm<Insecure.SHA1>(),
            .rsaSHA1: RSASHA1SignatureAlgorithm(),
            .plaintext: PlaintextSignatureAlgorithm(),
        ])
    }

    /// Adds or replaces the algorithm of `method`.
    ///
    /// - Parameters:
    ///   - method: the `oauth_signature_method` value.
    ///   - algorithm: how to sign and verify it.
    public mutating func register(_ method: SignatureMethod, _ algorithm: some SignatureAlgorithm) {
        algorithms[method] = algorithm
    }

    /// Removes `method`.
    public mutating func remove(_ method: SignatureMethod) {
        algorithms[method] = nil
    }

    /// The algorithm registered for `method`, if any.
    public subscript(method: SignatureMethod) -> (any SignatureAlgorithm)? {
        algorithms[method]
    }

    /// The registered method names.
    public var methods: Set<SignatureMethod> { Set(algorithms.keys) }

    /// Signs `input` with `method`.
    ///
    /// - Parameters:
    ///   - method: a registered method.
    ///   - input: the base string and key material.
    /// - Returns: the `oauth_signature` value (not yet percent-encoded for transport).
    /// - Throws: ``OAuth1Error`` `unsupported_signature_method` for an unknown method, or the algorithm's error.
    public func sign(_ method: SignatureMethod, _ input: SignatureInput) throws(OAuth1Error) -> String {
        guard let algorithm = algorithms[method] else { throw .unsupportedSignatureMethod(method.rawValue) }
        return try algorithm.sign(input)
    }

    /// Whether `signature` is valid for `input` under `method`; `false` for an unknown method.
    public func verify(_ method: SignatureMethod, signature: String, for input: SignatureInput) -> Bool {
        algorithms[method]?.verify(signature, for: input) ?? false
    }
}
