import Crypto
import OAuthStores
import SQLKit

/// The hex SHA-256 of a string, computed independently of the store.
func sha256Hex(_ value: String) -> String {
    SHA256.hash(data: Array(value.utf8)).map { byte in
        let hex = String(byte, radix: 16)
        return hex.count == 1 ? "0" + hex : hex
    }.joined()
}

/// The key a token is stored under, computed independently of the store: for a token of the
/// authorization server's default format (18-character selector, `.`, 40 letters and digits) the
/// selector, `.` and the hex SHA-256 of the whole token; for any other token the hex SHA-256.
func storedTokenKey(_ token: String) -> String {
    let bytes = Array(token.utf8)
    let isOrdered =
        bytes.count == 59 && bytes[18] == UInt8(ascii: ".")
        && bytes[..<12].allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        && bytes[12..<18].allSatisfy { $0 < 0x80 && Character(UnicodeScalar($0)).isLetter || (0x30...0x39).contains($0) }
        && bytes[19...].allSatisfy { $0 < 0x80 && Character(UnicodeScalar($0)).isLetter || (0x30...0x39).contains($0) }
    return isOrdered ? String(decoding: bytes[..<18], as: UTF8.self) + "." + sha256Hex(token) : sha256Hex(token)
}

/// Every text column of the rows where `column = value`, joined: what an attacker with the database sees.
func rawTableText(_ store: SQLStore, table: String, where column: String, _ value: String) async throws -> String {
    try await store.read { database in
        let rows = try await database.raw("SELECT * FROM \(unsafeRaw: table) WHERE \(unsafeRaw: column) = \(bind: value)").all()
        var text = ""
        for row in rows {
            for name in row.allColumns {
                if let string = try? row.decode(column: name, as: String?.self) { text += string + "\n" }
            }
        }
        return text
    }
}

/// How many rows of `table` have `column = value`.
func rawRowCount(_ store: SQLStore, table: String, where column: String, _ value: String) async throws -> Int {
    try await store.read { database in
        try await database.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: column) = \(bind: value)").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }
}
