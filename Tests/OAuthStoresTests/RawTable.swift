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
