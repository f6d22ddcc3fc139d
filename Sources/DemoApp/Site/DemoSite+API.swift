import DemoModel
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

    let notes: NotesStore

    init(store: SQLStore) { notes = NotesStore(store: store) }

    struct NewNote: Decodable {
        var text: String
    }

    func get(_ request: Request) async throws -> Response {
        try .json(["notes": try await notes.notes(of: try owner())])
    }

    func post(_ request: Request) async throws -> Response {
        let owner = try owner()
        do {
            return try .json(try await notes.add(try request.decode(NewNote.self).text, for: owner), status: .created)
        } catch let error as NotesStore.InvalidNote {
            throw HTTPError(.badRequest, message: error.description)
        }
    }

    private func owner() throws -> String {
        guard let userID = currentToken?.userID else { throw HTTPError(.forbidden, message: "Notes belong to users; this token has none.") }
        return userID
    }
}
