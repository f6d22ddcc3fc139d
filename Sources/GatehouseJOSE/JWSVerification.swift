import JWTKit

/// The checks every verification runs, whoever's keys: the key named by `kid`, the header's `alg`
/// bound to that key's algorithm (so `none` and `HS256` with a public key fail, RFC 8725 §3.1), the
/// `typ` when one is required (RFC 8725 §3.11), then the signature through jwt-kit.
enum JWSVerification {
    static func verify<Payload: JWTPayload>(
        _ token: String,
        as payload: Payload.Type,
        type: String?,
        keys: JWTKeyCollection,
        algorithmOf: (String) -> SigningAlgorithm?
    ) async throws -> Payload {
        let header = try JOSEHeader(compact: token)
        guard let kid = header.kid, let algorithm = algorithmOf(kid) else { throw KeySet.Failure.unknownKey(header.kid) }
        guard header.alg == algorithm.rawValue else { throw KeySet.Failure.algorithmMismatch(header.alg) }
        if let type, header.typ?.lowercased() != type.lowercased() { throw KeySet.Failure.wrongType(header.typ) }
        do {
            return try await keys.verify(token, as: Payload.self)
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed || error.errorType == .malformedToken {
            throw KeySet.Failure.invalidSignature
        }
    }
}
