import Foundation
import GatehouseCommon
import OAuth2
public import OAuthStores
import SQLKit

/// The demo's `demo_users` table, on the same database as the OAuth stores: what DemoApp and the
/// example servers of the framework adapters share, so users made by `DemoApp create-user` log in
/// on any of them.
public struct UserStore: Sendable {
    /// The store the table lives beside.
    public let store: SQLStore
    let hasher = PasswordHasher()
    /// Users by id for 5 s: `/api/me` reads the token's user on every call, as the stores read
    /// clients (the demo never renames or deletes a user).
    let byID = LookupCache<String, User>(lifetime: .seconds(5), capacity: 10_000)

    /// The demo's own migrations, applied after Gatehouse's (versions from 1000 up, so they never
    /// collide with the library's).
    public static let migrations: [Migration] = [
        Migration(version: 1000, name: "demo_users") { engine in
            [
                """
                CREATE TABLE IF NOT EXISTS demo_users (
                    id TEXT PRIMARY KEY,
                    username TEXT NOT NULL UNIQUE,
                    password_hash TEXT NOT NULL,
                    created_at \(engine == .postgres ? "BIGINT" : "INTEGER") NOT NULL
                )
                """
            ]
        },
        Migration(version: 1001, name: "demo_notes") { engine in
            [
                """
                CREATE TABLE IF NOT EXISTS demo_notes (
                    id \(engine == .postgres ? "BIGSERIAL" : "INTEGER") PRIMARY KEY,
                    user_id TEXT NOT NULL,
                    text TEXT NOT NULL,
                    created_at \(engine == .postgres ? "BIGINT" : "INTEGER") NOT NULL
                )
                """,
                "CREATE INDEX IF NOT EXISTS demo_notes_user ON demo_notes (user_id)",
            ]
        },
        RemoteTokenStore.migration,
    ]

    /// Creates the table's accessor on `store` (run ``migrations`` first).
    public init(store: SQLStore) { self.store = store }

    /// Why a user cannot be created.
    public enum UserError: Error, CustomStringConvertible {
        /// Not 3 to 32 letters, digits, `.`, `-` or `_`.
        case invalidUsername
        /// Shorter than 8 characters.
        case weakPassword
        /// Someone has that username.
        case taken(String)

        /// What to tell the person.
        public var description: String {
            switch self {
            case .invalidUsername: "a username is 3 to 32 letters, digits, '.', '-' or '_'"
            case .weakPassword: "a password needs at least 8 characters"
            case .taken(let name): "the username '\(name)' is taken"
            }
        }
    }

    /// Creates a user with a scrypt-hashed password.
    public func create(username: String, password: String) async throws -> User {
        guard (3...32).contains(username.count),
            username.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0) })
        else {
            throw UserError.invalidUsername
        }
        guard password.count >= 8 else { throw UserError.weakPassword }
        let hash = try await hasher.hash(password)
        let user = User(userID: TokenGenerator.generate(length: 16), username: username)
        let now = store.clock.unixSeconds
        let inserted = try await store.write { database in
            try await database.raw(
                """
                INSERT INTO demo_users (id, username, password_hash, created_at) VALUES (\(bind: user.userID), \(bind: username), \(bind: hash), \(bind: now))
                ON CONFLICT (username) DO NOTHING RETURNING id
                """
            ).first() != nil
        }
        guard inserted else { throw UserError.taken(username) }
        return user
    }

    /// The user with `id`.
    public func find(id: String) async throws -> User? {
        if let user = byID.value(for: id, epoch: 0) { return user }
        let user = try await store.read { database in
            try await database.raw("SELECT id, username FROM demo_users WHERE id = \(bind: id)").first().map {
                User(userID: try $0.decode(column: "id", as: String.self), username: try $0.decode(column: "username", as: String.self))
            }
        }
        if let user { byID.store(user, for: id, epoch: 0) }
        return user
    }

    /// The user named `username` whose password is `password`, or `nil`. Takes the same time for an
    /// unknown user (a dummy hash is checked) so logins do not reveal which usernames exist.
    public func authenticate(username: String, password: String) async throws -> User? {
        // No user name holds a NUL, and PostgreSQL refuses one in a text parameter: a miss, not an error.
        guard !username.utf8.contains(0) else { return nil }
        let row = try await store.read { database in
            try await database.raw("SELECT id, username, password_hash FROM demo_users WHERE username = \(bind: username)").first().map {
                (
                    User(
                        userID: try $0.decode(column: "id", as: String.self),
                        username: try $0.decode(column: "username", as: String.self)
                    ),
                    try $0.decode(column: "password_hash", as: String.self)
                )
            }
        }
        guard let (user, hash) = row else {
            _ = try await hasher.verify(password, against: Self.dummyHash)
            return nil
        }
        guard try await hasher.verify(password, against: hash) else { return nil }
        if hasher.needsRehash(hash) {
            let upgraded = try await hasher.hash(password)
            try await store.write { database in
                try await database.raw("UPDATE demo_users SET password_hash = \(bind: upgraded) WHERE id = \(bind: user.userID)").run()
            }
        }
        return user
    }

    /// Whether any user exists (first start creates the demo user).
    public func isEmpty() async throws -> Bool {
        try await store.read { database in try await database.raw("SELECT id FROM demo_users LIMIT 1").first() == nil }
    }

    private static let dummyHash = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
}
