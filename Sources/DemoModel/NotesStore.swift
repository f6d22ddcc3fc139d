import Foundation
import GatehouseCommon
public import OAuthStores
import SQLKit

/// The demo's `demo_notes` table: each user's notes, behind the `notes` scope of `/api/notes` in
/// DemoApp and in the adapters' example servers.
public struct NotesStore: Sendable {
    /// One note.
    public struct Note: Codable, Sendable, Equatable {
        /// Its id, increasing.
        public var id: Int
        /// Its text.
        public var text: String
    }

    /// Why a note is refused: the message for a 400.
    public struct InvalidNote: Error, CustomStringConvertible {
        /// What to tell the client.
        public var description: String
    }

    /// The store the table lives beside.
    public let store: SQLStore

    /// Creates the table's accessor on `store` (run ``UserStore/migrations`` first).
    public init(store: SQLStore) { self.store = store }

    /// The notes of `owner`, oldest first.
    public func notes(of owner: String) async throws -> [Note] {
        try await store.read { database in
            try await database.raw("SELECT id, text FROM demo_notes WHERE user_id = \(bind: owner) ORDER BY id").all().map {
                Note(id: try $0.decode(column: "id", as: Int.self), text: try $0.decode(column: "text", as: String.self))
            }
        }
    }

    /// Adds a note for `owner`: `text` trimmed, 1 to 10,000 characters, no NUL.
    ///
    /// - Throws: ``InvalidNote`` for text that breaks those rules; the store's errors.
    public func add(_ text: String, for owner: String) async throws -> Note {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 10_000 else { throw InvalidNote(description: "A note needs 1 to 10000 characters.") }
        // SQLite would cut the text at a NUL on the way back and PostgreSQL refuses it: refused here.
        guard !text.utf8.contains(0) else { throw InvalidNote(description: "A note cannot contain NUL characters.") }
        let now = store.clock.unixSeconds
        let id = try await store.write { database in
            try await database.raw(
                "INSERT INTO demo_notes (user_id, text, created_at) VALUES (\(bind: owner), \(bind: text), \(bind: now)) RETURNING id"
            )
            .first()?.decode(column: "id", as: Int.self) ?? 0
        }
        return Note(id: id, text: text)
    }
}
