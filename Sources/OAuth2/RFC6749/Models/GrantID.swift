import Crypto
import FoundationEssentials
import GatehouseCommon

/// Token family ids (``IssuedToken/grantID``): every token issued from one authorization shares
/// one, so a store can revoke the family when a code or refresh token is reused.
enum GrantID {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// A new family's id: `g`, the issue time in milliseconds as 12 hex digits, `-`, then 20 random
    /// characters.
    ///
    /// The time prefix makes ids of new families sort in issue order, so a store's index on them
    /// grows at its end instead of touching a random page per token (the random part keeps ids
    /// issued in the same millisecond apart). The id is a handle, not a secret: holding one grants
    /// nothing.
    static func newFamily(at date: Date = Date()) -> String {
        "g" + OrderedToken.timePrefix(at: date) + "-" + TokenGenerator.generate(length: 20)
    }

    /// The family id of the tokens issued from an authorization code: `code-` followed by the hex
    /// SHA-256 of the code, so a store needs no extra column to find them when the code is reused.
    static func derive(fromCode code: String) -> String {
        var id = Array("code-".utf8)
        id.reserveCapacity(69)
        for byte in SHA256.hash(data: Array(code.utf8)) {
            id.append(hexDigits[Int(byte >> 4)])
            id.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: id, as: UTF8.self)
    }
}
