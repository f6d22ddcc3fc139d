public import Foundation
public import JWTKit

/// Another server's public keys, from its JWK Set document (`jwks_uri`): what a resource server or
/// a relying party verifies that server's tokens with. Frozen; fetch and build a new one to refresh
/// (``RemoteKeySet`` does).
///
/// Only signature keys of the algorithms Gatehouse accepts are kept (RS256, ES256, EdDSA), each
/// needing a `kid`; a key without `alg` gets the one its type implies (RSA: RS256, P-256: ES256,
/// Ed25519: EdDSA). Keys marked `use` other than `sig` are left out.
public final class PublicKeySet: Sendable {
    /// A JWK Set document that cannot be read.
    public struct Malformed: Error, Sendable, CustomStringConvertible {
        /// What to log.
        public var description: String
    }

    /// The algorithm of each key, by `kid`.
    public let algorithms: [String: SigningAlgorithm]
    private let keys: JWTKeyCollection

    /// Reads a JWK Set document.
    ///
    /// - Throws: ``Malformed`` when it is not `{"keys": [...]}`.
    public init(jwksJSON: some DataProtocol) async throws {
        let data = Data(jwksJSON)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let list = object["keys"] as? [Any] else {
            throw Malformed(description: "not a JWK Set document")
        }
        let collection = JWTKeyCollection()
        var algorithms: [String: SigningAlgorithm] = [:]
        for entry in list {
            guard let member = entry as? [String: Any], (member["use"] as? String ?? "sig") == "sig",
                let kid = member["kid"] as? String, algorithms[kid] == nil,
                let algorithm = Self.algorithm(of: member),
                let json = try? JSONSerialization.data(withJSONObject: member),
                var jwk = try? JSONDecoder().decode(JWK.self, from: json)
            else { continue }
            jwk.algorithm = JWK.Algorithm(rawValue: algorithm.rawValue)
            guard (try? await collection.add(jwk: jwk)) != nil else { continue }  // a key jwt-kit cannot use
            algorithms[kid] = algorithm
        }
        self.algorithms = algorithms
        keys = collection
    }

    /// Verifies a compact JWS signed by one of these keys and decodes its payload, with the checks
    /// of ``KeySet/verify(_:as:type:)`` (key by `kid`, `alg` bound to it, `typ` when asked).
    ///
    /// - Parameters:
    ///   - token: the compact serialization.
    ///   - payload: the claims type to decode.
    ///   - type: the `typ` the header must carry; `nil` accepts any.
    /// - Throws: ``KeySet/Failure``; ``JOSEHeader/Malformed``; the payload's verification errors.
    public func verify<Payload: JWTPayload>(_ token: String, as payload: Payload.Type, type: String? = nil) async throws -> Payload {
        try await JWSVerification.verify(token, as: payload, type: type, keys: keys) { algorithms[$0] }
    }

    /// The algorithm a JWK is for: its `alg` when Gatehouse accepts it, else the one its type implies.
    static func algorithm(of member: [String: Any]) -> SigningAlgorithm? {
        if let alg = member["alg"] as? String { return SigningAlgorithm(rawValue: alg) }
        switch (member["kty"] as? String, member["crv"] as? String) {
        case ("RSA", _): return .rs256
        case ("EC", "P-256"): return .es256
        case ("OKP", "Ed25519"): return .edDSA
        default: return nil
        }
    }
}
