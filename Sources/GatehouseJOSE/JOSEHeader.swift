public import FoundationEssentials
import GatehouseCommon

/// The protected header members Gatehouse decides on before verifying a JWS: which key (`kid`),
/// which algorithm (`alg`) and what kind of token (`typ`, RFC 8725 §3.11).
///
/// Read from the compact serialization without verifying anything: use it to choose a key and to
/// refuse early, never to trust the token.
public struct JOSEHeader: Sendable, Hashable, Decodable {
    /// `alg`.
    public var alg: String?
    /// `kid`.
    public var kid: String?
    /// `typ`.
    public var typ: String?
    /// `crit`: extensions the recipient must understand (RFC 7515 §4.1.11).
    public var crit: [String]?

    /// `typ` lower-cased without an `application/` prefix (RFC 7515 §4.1.9: `application/at+jwt`
    /// and `at+jwt` name the same type).
    public var mediaType: String? {
        guard let typ = typ?.lowercased() else { return nil }
        let prefix = "application/"
        guard typ.hasPrefix(prefix), !typ.dropFirst(prefix.count).contains("/") else { return typ }
        return String(typ.dropFirst(prefix.count))
    }

    /// A token that is not a compact JWS: three base64url parts, the first a JSON object.
    public struct Malformed: Error, Sendable, CustomStringConvertible {
        /// What to log.
        public var description: String { "not a compact JWS" }
    }

    /// The header of the compact JWS `token`.
    ///
    /// - Throws: ``Malformed``.
    public init(compact token: some StringProtocol) throws {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].utf8.count <= 4096, let json = Base64URL.decode(String(parts[0])),
            let header = try? JSONDecoder().decode(JOSEHeader.self, from: json)
        else { throw Malformed() }
        self = header
    }
}
