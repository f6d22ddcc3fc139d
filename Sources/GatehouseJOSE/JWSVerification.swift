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
        if let type, header.mediaType != type.lowercased() { throw KeySet.Failure.wrongType(header.typ) }
        // RFC 7515 §4.1.11: critical extensions must be understood; Gatehouse understands none.
        if let critical = header.crit, !critical.isEmpty { throw KeySet.Failure.unsupportedCritical(critical) }
        do {
            return try await keys.verify(token, as: Payload.self)
        } catch let error as JWTError where error.errorType == .claimVerificationFailure {
            throw error  // the payload's own checks (expiry and the like)
        } catch {
            // A signature that does not verify, is not base64url, or has the wrong length for the
            // curve; a payload that does not decode: the token's fault, never a server error.
            throw KeySet.Failure.invalidSignature
        }
    }
}
