import Crypto
import FoundationEssentials
import GatehouseCommon

/// Seals secrets a store must be able to read back (a client's tokens at other providers, signing
/// keys), so a stolen database or backup yields nothing usable without the application's secret.
///
/// AES-256-GCM, with a key derived by HKDF-SHA256 from the application secret (`SECRET_KEY`) and a
/// `purpose`, so keys for different uses never coincide. Each value is bound to a `context` (its
/// row and column, say) as authenticated data: a sealed value copied into another row does not open.
/// Every node given the same secret and purpose opens what the others sealed.
///
/// ```swift
/// let sealer = SecretSealer(secret: secretKey, purpose: "remote tokens")
/// let sealed = try sealer.seal(token.accessToken, context: "\(userID)/github/access_token")
/// let clear = try sealer.open(sealed, context: "\(userID)/github/access_token")
/// ```
public struct SecretSealer: Sendable {
    /// A sealed value that does not open: another key, another context, or altered text.
    public struct OpenFailed: Error, Sendable, CustomStringConvertible {
        /// What to log.
        public var description: String { "a sealed secret did not open (another SECRET_KEY, another row, or altered)" }
    }

    /// The prefix of the current format: its version, so a later format can be told apart.
    static let prefix = "v1."
    private let key: SymmetricKey

    /// Derives the sealing key.
    ///
    /// - Parameters:
    ///   - secret: the application secret; at least 32 characters of randomness.
    ///   - purpose: what the key seals; values sealed for one purpose never open for another.
    public init(secret: String, purpose: String) {
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Data(secret.utf8)),
            salt: Data("gatehouse secret sealer".utf8),
            info: Data(purpose.utf8),
            outputByteCount: 32
        )
    }

    /// Seals `plaintext` for `context`: `v1.` then the base64url nonce, ciphertext and tag.
    public func seal(_ plaintext: String, context: String) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: key, authenticating: Data(context.utf8))
        guard let combined = box.combined else { throw OpenFailed() }  // only with a non-standard nonce size
        return Self.prefix + Base64URL.encode(combined)
    }

    /// Opens a value sealed by ``seal(_:context:)`` with the same secret, purpose and context.
    ///
    /// - Throws: ``OpenFailed`` for anything else.
    public func open(_ sealed: String, context: String) throws -> String {
        guard sealed.hasPrefix(Self.prefix), let combined = Base64URL.decode(String(sealed.dropFirst(Self.prefix.count))),
            let box = try? AES.GCM.SealedBox(combined: combined),
            let clear = try? AES.GCM.open(box, using: key, authenticating: Data(context.utf8)),
            let text = String(validating: clear, as: UTF8.self)
        else { throw OpenFailed() }
        return text
    }
}
