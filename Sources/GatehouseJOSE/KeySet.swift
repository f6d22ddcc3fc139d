public import Foundation
public import JWTKit

/// The keys a server signs with and publishes, frozen: one current key per algorithm, plus keys
/// being retired, which still verify and stay in the JWKS (so tokens signed before a rotation keep
/// verifying) but never sign.
///
/// Build a new set when the keys change (a store's rotation) and swap it in; a set never changes.
///
/// ```swift
/// let keys = try await KeySet(current: [try .generate(.rs256), try .generate(.es256)])
/// let idToken = try await keys.sign(claims, algorithm: .rs256, type: "JWT")
/// let verified = try await keys.verify(idToken, as: IDTokenClaims.self)
/// ```
public final class KeySet: Sendable {
    /// Why a token was not accepted or could not be signed.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// No current key for the algorithm asked for.
        case noKey(SigningAlgorithm)
        /// The token names no `kid`, or one this set does not hold.
        case unknownKey(String?)
        /// The header's `alg` is not the algorithm of the key it names (or is `none`).
        case algorithmMismatch(String?)
        /// The header's `typ` is not the one required.
        case wrongType(String?)
        /// The signature does not verify, or the payload does not decode.
        case invalidSignature
        /// The header lists critical extensions (`crit`) Gatehouse does not understand.
        case unsupportedCritical([String])

        /// What to log.
        public var description: String {
            switch self {
            case .noKey(let algorithm): "no current \(algorithm.rawValue) key"
            case .unknownKey(let kid): "unknown kid \(kid.map { "\"\($0)\"" } ?? "(none)")"
            case .algorithmMismatch(let alg): "alg \(alg ?? "(none)") does not match the key"
            case .wrongType(let typ): "typ \(typ ?? "(none)") is not the one expected"
            case .invalidSignature: "the signature does not verify"
            case .unsupportedCritical(let names): "unsupported critical header parameters: \(names.joined(separator: ", "))"
            }
        }
    }

    /// The key each algorithm signs with.
    public let current: [SigningAlgorithm: SigningKey]
    /// Keys that verify but no longer sign.
    public let retiring: [SigningKey]
    /// Every key by `kid`.
    let byKID: [String: SigningKey]
    /// `{"keys": [...]}` with each public key's `kid`, `alg` and `use: sig`: the `jwks_uri` document.
    public let jwksJSON: [UInt8]
    private let keys: JWTKeyCollection

    /// Builds the set.
    ///
    /// - Parameters:
    ///   - current: the signing keys, at most one per algorithm (a later one of the same algorithm wins).
    ///   - retiring: keys that verify only.
    public init(current: [SigningKey], retiring: [SigningKey] = []) async throws {
        var byAlgorithm: [SigningAlgorithm: SigningKey] = [:]
        for key in current { byAlgorithm[key.algorithm] = key }
        self.current = byAlgorithm
        let retiring = retiring.filter { key in !byAlgorithm.values.contains(key) }
        self.retiring = retiring
        let all = Array(byAlgorithm.values).sorted { $0.kid < $1.kid } + retiring
        byKID = Dictionary(all.map { ($0.kid, $0) }) { first, _ in first }
        let collection = JWTKeyCollection()
        for key in all { try await key.add(to: collection) }
        keys = collection
        var published: [Any] = []
        for key in all {
            let jwk = try JSONSerialization.jsonObject(with: JSONEncoder().encode(try key.publicJWK()))
            guard var object = jwk as? [String: Any] else { continue }
            object["use"] = "sig"
            published.append(object)
        }
        jwksJSON = Array(try JSONSerialization.data(withJSONObject: ["keys": published], options: [.sortedKeys]))
    }

    /// Signs `payload` with the current key of `algorithm`, naming it in `kid`.
    ///
    /// - Parameters:
    ///   - payload: the claims.
    ///   - algorithm: the algorithm (the client's `id_token_signed_response_alg`, say).
    ///   - type: the header's `typ` (`JWT`, `at+jwt`, ...). **Default:** `JWT`.
    /// - Throws: ``Failure/noKey(_:)``; jwt-kit's errors.
    public func sign(_ payload: some JWTPayload, algorithm: SigningAlgorithm, type: String = "JWT") async throws -> String {
        guard let key = current[algorithm] else { throw Failure.noKey(algorithm) }
        var header = JWTHeader()
        header.typ = type
        header.alg = algorithm.rawValue
        return try await keys.sign(payload, kid: JWKIdentifier(string: key.kid), header: header)
    }

    /// Verifies a compact JWS signed by a key of this set and decodes its payload; the payload's
    /// own `verify(using:)` runs too (expiry and the like).
    ///
    /// - Parameters:
    ///   - token: the compact serialization.
    ///   - payload: the claims type to decode.
    ///   - type: the `typ` the header must carry (compared case-insensitively, RFC 7515 §4.1.9);
    ///     `nil` accepts any.
    /// - Throws: ``Failure``; ``JOSEHeader/Malformed``; the payload's verification errors.
    public func verify<Payload: JWTPayload>(_ token: String, as payload: Payload.Type, type: String? = nil) async throws -> Payload {
        try await JWSVerification.verify(token, as: payload, type: type, keys: keys) { byKID[$0]?.algorithm }
    }

    /// The key named `kid`, current or retiring.
    public func key(kid: String) -> SigningKey? { byKID[kid] }
}
