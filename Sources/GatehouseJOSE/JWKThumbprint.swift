import Crypto
public import FoundationEssentials
import GatehouseCommon
public import JWTKit

/// RFC 7638 JWK thumbprints: the base64url SHA-256 of a public key's required members, in
/// lexicographic order, without whitespace. Gatehouse names its signing keys by them (`kid`) and
/// DPoP binds tokens to them (`jkt`, RFC 9449).
public enum JWKThumbprint {
    /// Why a key has no thumbprint.
    public struct MissingMember: Error, Sendable, CustomStringConvertible {
        /// The member that is missing.
        public var member: String
        /// What to log.
        public var description: String { "the JWK has no \"\(member)\" member" }
    }

    /// The SHA-256 thumbprint of `jwk` (RFC 7638 §3), base64url without padding.
    ///
    /// - Throws: ``MissingMember`` when a required member of its key type is absent or not
    ///   base64url text, or the key type is not RSA, EC or OKP.
    public static func sha256(of jwk: JWK) throws -> String {
        // §3.2: only the required members, sorted; their values are base64url strings (no escaping needed).
        let members: [(String, String?)]
        switch jwk.keyType {
        case .rsa: members = [("e", jwk.exponent), ("kty", "RSA"), ("n", jwk.modulus)]
        case .ecdsa: members = [("crv", jwk.curve?.rawValue), ("kty", "EC"), ("x", jwk.x), ("y", jwk.y)]
        case .octetKeyPair: members = [("crv", jwk.curve?.rawValue), ("kty", "OKP"), ("x", jwk.x)]
        default: throw MissingMember(member: "kty")
        }
        var json = "{"
        for (index, (name, value)) in members.enumerated() {
            // Base64url values and curve names: nothing that would need escaping in JSON.
            guard let value, !value.isEmpty, value.utf8.allSatisfy(Self.isPlain) else { throw MissingMember(member: name) }
            json += (index == 0 ? "" : ",") + "\"\(name)\":\"\(value)\""
        }
        json += "}"
        return Base64URL.encode(Data(SHA256.hash(data: Data(json.utf8))))
    }

    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }
}
