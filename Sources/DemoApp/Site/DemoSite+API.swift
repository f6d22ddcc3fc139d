import Foundation
import HTTPCore
import HTTPTypes
import OAuth1
import OAuth2
import OAuthMiddleware
import OAuthStores
import SQLKit

/// What `/api/me` and `/api/oauth1/me` answer.
struct Profile: Codable, Sendable {
    var id: String
    var username: String
}

extension DemoSite {
    /// The protected API: `/api/me` (OAuth 2, scope `profile`), `/api/oauth1/me` (OAuth 1) and
    /// `/api/notes`, a MethodView guarded through its decorators by scope `notes`.
    func registerAPI() {
        app.get(
            "/api/me",
            requireOAuth("profile") { [self] _ in
                try await profile(userID: currentToken?.userID)
            }
        )
        app.get(
            "/api/oauth1/me",
            requireOAuth1 { [self] _ in
                try await profile(userID: currentCredential?.userID)
            }
        )
        app.addView("/api/notes", NotesAPI(store: store))
    }

    private func profile(userID: String?) async throws -> Response {
        guard let userID, let user = try await users.find(id: userID) else {
            throw HTTPError(.forbidden, message: "This token does not belong to a user.")
        }
        // OAuth2's direct JSON writer: Codable's dynamic containers cost more than the rest of
        // this guarded request.
        return .json(raw: JSONValue.encode(["id": .string(user.userID), "username": .string(user.username)]))
    }
}

/// The token owner's notes: `GET` lists them, `POST {"text": ...}` adds one. Every method is
/// guarded by `requireOAuth("notes")` through ``decorators``, as in Flask's MethodView.
struct NotesAPI: MethodView {
    static var decorators: [any Middleware] { [requireOAuth("notes")] }
    static var methods: Set<HTTPRequest.Method>? { [.get, .post] }

    let store: SQLStore

    struct Note: Codable, Sendable {
        var id: Int
        var text: String
    }

    struct NewNote: Decodable {
        var text: String
    }

    func get(_ request: Request) async throws -> Response {
        let owner = try owner()
        let notes = try await store.read { database in
            try await database.raw("SELECT id, text FROM demo_notes WHERE user_id = \(bind: owner) ORDER BY id").all().map {
                Note(id: try $0.decode(column: "id", as: Int.self), text: try $0.decode(column: "text", as: String.self))
            }
        }
        return try .json(["notes": notes])
    }

    func post(_ request: Request) async throws -> Response {
        let owner = try owner()
        let text = try request.decode(NewNote.self).text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 10_000 else { throw HTTPError(.badRequest, message: "A note needs 1 to 10000 characters.") }
        // SQLite would cut the text at a NUL on the way back and PostgreSQL refuses it: refused here.
        guard !text.utf8.contains(0) else { throw HTTPError(.badRequest, message: "A note cannot contain NUL characters.") }
        let now = Int(Date().timeIntervalSince1970)
        let id = try await store.write { database in
            try await database.raw(
                "INSERT INTO demo_notes (user_id, text, created_at) VALUES (\(bind: owner), \(bind: text), \(bind: now)) RETURNING id"
            )
            .first()?.decode(column: "id", as: Int.self) ?? 0
        }
        return try .json(Note(id: id, text: text), status: .created)
    }

    private func owner() throws -> String {
        guard let userID = currentToken?.userID else { throw HTTPError(.forbidden, message: "Notes belong to users; this token has none.") }
        return userID
    }
}
