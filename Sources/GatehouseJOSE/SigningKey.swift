import Crypto
public import FoundationEssentials
import GatehouseCommon
public import JWTKit
import _CryptoExtras

/// One asymmetric signing key: its algorithm, its private key in PEM, and its `kid`, the RFC 7638
/// thumbprint of its public key (so a key is named the same everywhere without coordination).
///
/// Keep the PEM secret: stores seal it at rest (`SQLStore`'s signing keys use a `SecretSealer`).
public struct SigningKey: Sendable, Hashable {
    /// The key identifier: the public key's SHA-256 JWK thumbprint.
    public let kid: String
    /// The algorithm the key signs with.
    public let algorithm: SigningAlgorithm
    /// The private key, PEM (PKCS #8 for EC and Ed25519, PKCS #1 or #8 for RSA).
    public let privateKeyPEM: String

    /// A key that cannot be used: malformed PEM, or a key of another type than its algorithm needs.
    public struct InvalidKey: Error, Sendable, CustomStringConvertible {
        /// What is wrong.
        public var description: String
    }

    /// Reads a stored key.
    ///
    /// - Throws: ``InvalidKey`` when `privateKeyPEM` is not a private key for `algorithm`.
    public init(algorithm: SigningAlgorithm, privateKeyPEM: String) throws {
        self.algorithm = algorithm
        self.privateKeyPEM = privateKeyPEM
        do {
            self.kid = try JWKThumbprint.sha256(of: Self.publicJWK(algorithm: algorithm, pem: privateKeyPEM, kid: nil))
        } catch let error as InvalidKey {
            throw error
        } catch {
            throw InvalidKey(description: "not a \(algorithm.rawValue) private key: \(error)")
        }
    }

    /// A new random key: RSA 2048 bits, P-256 or Ed25519.
    public static func generate(_ algorithm: SigningAlgorithm) throws -> SigningKey {
        let pem: String
        switch algorithm {
        case .rs256: pem = try _RSA.Signing.PrivateKey(keySize: .bits2048).pemRepresentation
        case .es256: pem = P256.Signing.PrivateKey().pemRepresentation
        case .edDSA: pem = try EdDSA.PrivateKey(curve: .ed25519).pemRepresentation
        }
        return try SigningKey(algorithm: algorithm, privateKeyPEM: pem)
    }

    /// The public key as a JWK with `kid` and `alg` (RFC 7517 §4), no private member.
    public func publicJWK() throws -> JWK {
        try Self.publicJWK(algorithm: algorithm, pem: privateKeyPEM, kid: kid)
    }

    /// Adds the key to a jwt-kit key collection, under its `kid`.
    func add(to keys: JWTKeyCollection) async throws {
        let kid = JWKIdentifier(string: kid)
        switch algorithm {
        case .rs256: await keys.add(rsa: try Insecure.RSA.PrivateKey(pem: privateKeyPEM), digestAlgorithm: .sha256, kid: kid)
        case .es256: await keys.add(ecdsa: try ES256PrivateKey(pem: privateKeyPEM), kid: kid)
        case .edDSA: await keys.add(eddsa: try EdDSA.PrivateKey(pem: privateKeyPEM), kid: kid)
        }
    }

    private static func publicJWK(algorithm: SigningAlgorithm, pem: String, kid: String?) throws -> JWK {
        let identifier = kid.map { JWKIdentifier(string: $0) }
        switch algorithm {
        case .rs256:
            let key = try Insecure.RSA.PrivateKey(pem: pem)
            let primitives = try key.publicKey.getKeyPrimitives()
            guard primitives.modulus.count >= 256 else { throw InvalidKey(description: "RSA keys need at least 2048 bits") }
            return .rsa(
                .rs256,
                identifier: identifier,
                modulus: Base64URL.encode(primitives.modulus),
                exponent: Base64URL.encode(primitives.publicExponent)
            )
        case .es256:
            guard let (x, y) = try ES256PrivateKey(pem: pem).publicKey.parameters else { throw InvalidKey(description: "no P-256 point") }
            return .ecdsa(.es256, identifier: identifier, x: x, y: y, curve: .p256)
        case .edDSA:
            let key = try EdDSA.PrivateKey(pem: pem)
            return .octetKeyPair(
                .eddsa,
                identifier: identifier,
                x: Base64URL.encode(key.publicKey.rawRepresentation),
                y: nil,
                curve: .ed25519
            )
        }
    }
}
