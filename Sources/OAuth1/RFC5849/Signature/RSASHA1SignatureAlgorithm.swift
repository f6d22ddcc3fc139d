import Crypto
import FoundationEssentials
import GatehouseCommon
import _CryptoExtras

/// The `RSA-SHA1` method of RFC 5849 §3.4.3: RSASSA-PKCS1-v1_5 (RFC 3447 §8.2) over the SHA-1 digest
/// of the signature base string, base64-encoded.
///
/// Signing reads ``SignatureInput/rsaPrivateKey`` (a PEM private key, PKCS#8 or PKCS#1); verification
/// reads ``SignatureInput/rsaPublicKey`` (the client's registered PEM public key). The padding is
/// swift-crypto's explicit `.insecurePKCS1v1_5`: its default, PSS, is not what the RFC specifies.
public struct RSASHA1SignatureAlgorithm: SignatureAlgorithm {
    /// Whether keys of 1024 to 2047 bits are accepted. Older OAuth 1 deployments used them;
    /// swift-crypto refuses them unless asked.
    public var allowsLegacyKeySizes: Bool

    /// Parsed public keys by PEM text, so a server does not re-parse a client's key on every request.
    private let publicKeys = PublicKeyCache()

    /// Creates the algorithm.
    ///
    /// - Parameter allowsLegacyKeySizes: accept RSA keys shorter than 2048 bits (at least 1024). Default `false`.
    public init(allowsLegacyKeySizes: Bool = false) {
        self.allowsLegacyKeySizes = allowsLegacyKeySizes
    }

    public func sign(_ input: SignatureInput) throws(OAuth1Error) -> String {
        guard let pem = input.rsaPrivateKey else {
            throw OAuth1Error.invalidRequest("RSA-SHA1 needs the client's RSA private key")
        }
        do {
            let key =
                allowsLegacyKeySizes
                ? try _RSA.Signing.PrivateKey(unsafePEMRepresentation: pem)
                : try _RSA.Signing.PrivateKey(pemRepresentation: pem)
            let digest = Insecure.SHA1.hash(data: Array(input.baseString.utf8))
            let signature = try key.signature(for: digest, padding: .insecurePKCS1v1_5)
            return signature.rawRepresentation.base64EncodedString()
        } catch {
            throw OAuth1Error.invalidRequest("the RSA private key cannot sign")
        }
    }

    public func verify(_ signature: String, for input: SignatureInput) -> Bool {
        guard let pem = input.rsaPublicKey, let raw = Data(base64Encoded: signature) else { return false }
        guard let key = publicKeys.key(for: pem, allowsLegacyKeySizes: allowsLegacyKeySizes) else { return false }
        let digest = Insecure.SHA1.hash(data: Array(input.baseString.utf8))
        return key.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: raw),
            for: digest,
            padding: .insecurePKCS1v1_5
        )
    }
}

/// A small bounded cache of parsed RSA public keys.
private final class PublicKeyCache: Sendable {
    private struct Key: Hashable {
        var pem: String
        var legacy: Bool
    }

    private let keys = LockedValue<[Key: _RSA.Signing.PublicKey]>([:])
    private let capacity = 256

    func key(for pem: String, allowsLegacyKeySizes: Bool) -> _RSA.Signing.PublicKey? {
        let cacheKey = Key(pem: pem, legacy: allowsLegacyKeySizes)
        if let cached = keys.withLock({ $0[cacheKey] }) { return cached }
        let parsed: _RSA.Signing.PublicKey
        do {
            parsed =
                allowsLegacyKeySizes
                ? try _RSA.Signing.PublicKey(unsafePEMRepresentation: pem)
                : try _RSA.Signing.PublicKey(pemRepresentation: pem)
        } catch {
            return nil
        }
        keys.withLock { keys in
            if keys.count >= capacity { keys.removeAll(keepingCapacity: true) }
            keys[cacheKey] = parsed
        }
        return parsed
    }
}
