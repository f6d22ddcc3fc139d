public import Foundation
import GatehouseCommon
public import OAuthClient
public import OAuthIntegration
public import OAuthStores
import SQLKit

/// The tokens DemoApp's client side holds at remote apps, per demo user and remote app: the
/// seeds' `OAuth1Token` and `OAuth2Token` models, as the tables `demo_oauth1_tokens` and
/// `demo_oauth2_tokens`.
///
/// Token secrets (`oauth_token_secret`, `access_token`, `refresh_token`) are sealed at rest with a
/// ``/OAuthStores/SecretSealer`` keyed from the site's `SECRET_KEY` and bound to their row, so the database alone
/// calls no API. A value that no longer opens (the secret changed) reads as no token: the user
/// connects again.
public struct RemoteTokenStore: Sendable {
    /// One connected remote app, as the home page lists it.
    public struct Connection: Sendable, Equatable {
        /// The remote app's name.
        public var name: String
        /// `OAuth 1.0` or `OAuth 2.0`.
        public var protocolName: String
        /// When the user connected (the token was first stored).
        public var connectedAt: Date
        /// When the OAuth 2 token was last refreshed, if ever.
        public var refreshedAt: Date?
        /// When the OAuth 2 access token expires, if it says.
        public var expiresAt: Date?
    }

    /// The tables (version 1002 of the demo's migrations).
    public static let migration = Migration(version: 1002, name: "demo_remote_tokens") { engine in
        let integer = engine == .postgres ? "BIGINT" : "INTEGER"
        return [
            """
            CREATE TABLE IF NOT EXISTS demo_oauth1_tokens (
                user_id TEXT NOT NULL,
                name TEXT NOT NULL,
                oauth_token TEXT NOT NULL,
                oauth_token_secret TEXT NOT NULL,
                connected_at \(integer) NOT NULL,
                PRIMARY KEY (user_id, name)
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS demo_oauth2_tokens (
                user_id TEXT NOT NULL,
                name TEXT NOT NULL,
                token_type TEXT NOT NULL,
                access_token TEXT NOT NULL,
                refresh_token TEXT,
                expires_at \(integer),
                scope TEXT,
                connected_at \(integer) NOT NULL,
                refreshed_at \(integer),
                PRIMARY KEY (user_id, name)
            )
            """,
        ]
    }

    /// The store the tables live beside.
    public let store: SQLStore
    let sealer: SecretSealer

    /// Creates the tables' accessor (run ``UserStore/migrations`` first).
    ///
    /// - Parameters:
    ///   - store: the demo's store.
    ///   - secret: the site's `SECRET_KEY`, which the token secrets are sealed with.
    public init(store: SQLStore, secret: String) {
        self.store = store
        self.sealer = SecretSealer(secret: secret, purpose: "demo remote tokens")
    }

    /// The token `userID` holds at `name`, or `nil`.
    public func token(userID: String, name: String) async throws -> RemoteToken? {
        let rows: (any SQLRow, Bool)? = try await store.read { database in
            let oauth2 = try await database.raw(
                """
                SELECT token_type, access_token, refresh_token, expires_at, scope FROM demo_oauth2_tokens
                WHERE user_id = \(bind: userID) AND name = \(bind: name)
                """
            ).first()
            if let oauth2 { return (oauth2, true) }
            return try await database.raw(
                "SELECT oauth_token, oauth_token_secret FROM demo_oauth1_tokens WHERE user_id = \(bind: userID) AND name = \(bind: name)"
            ).first().map { ($0, false) }
        }
        guard let (row, isOAuth2) = rows else { return nil }
        do {
            if isOAuth2 {
                return .oauth2(
                    Token(
                        accessToken: try sealer.open(
                            row.decode(column: "access_token", as: String.self),
                            context: context(userID, name, "access_token")
                        ),
                        tokenType: try row.decode(column: "token_type", as: String.self),
                        refreshToken: try row.decode(column: "refresh_token", as: String?.self).map {
                            try sealer.open($0, context: context(userID, name, "refresh_token"))
                        },
                        expiresAt: try row.decode(column: "expires_at", as: Int?.self),
                        scope: try row.decode(column: "scope", as: String?.self)
                    )
                )
            }
            let secret = try row.decode(column: "oauth_token_secret", as: String.self)
            return .oauth1(
                OAuth1Token(
                    oauthToken: try row.decode(column: "oauth_token", as: String.self),
                    oauthTokenSecret: try sealer.open(secret, context: context(userID, name, "oauth_token_secret"))
                )
            )
        } catch is SecretSealer.OpenFailed {
            return nil
        }
    }

    /// Stores the token `userID` just obtained at `name`, replacing any earlier one.
    public func save(_ token: RemoteToken, userID: String, name: String) async throws {
        let now = store.clock.unixSeconds
        switch token {
        case .oauth1(let credentials):
            let secret = try sealer.seal(credentials.oauthTokenSecret, context: context(userID, name, "oauth_token_secret"))
            try await store.write { database in
                try await database.raw("DELETE FROM demo_oauth2_tokens WHERE user_id = \(bind: userID) AND name = \(bind: name)").run()
                try await database.raw(
                    """
                    INSERT INTO demo_oauth1_tokens (user_id, name, oauth_token, oauth_token_secret, connected_at)
                    VALUES (\(bind: userID), \(bind: name), \(bind: credentials.oauthToken), \(bind: secret), \(bind: now))
                    ON CONFLICT (user_id, name) DO UPDATE SET oauth_token = excluded.oauth_token,
                        oauth_token_secret = excluded.oauth_token_secret, connected_at = excluded.connected_at
                    """
                ).run()
            }
        case .oauth2(let token):
            try await saveOAuth2(token, userID: userID, name: name, refreshedAt: nil, connectedAt: now)
        }
    }

    /// Stores the refreshed OAuth 2 token of `userID` at `name` (the registry's `updateToken`),
    /// recording when the refresh happened. A refresh that answers without a new refresh token
    /// keeps the one stored (RFC 6749 §6: the server may leave it unchanged).
    public func saveRefreshed(_ token: Token, previous: Token?, userID: String, name: String) async throws {
        var token = token
        if token.refreshToken == nil { token.refreshToken = previous?.refreshToken }
        try await saveOAuth2(token, userID: userID, name: name, refreshedAt: store.clock.unixSeconds, connectedAt: nil)
    }

    private func saveOAuth2(_ token: Token, userID: String, name: String, refreshedAt: Int?, connectedAt: Int?) async throws {
        let access = try sealer.seal(token.accessToken, context: context(userID, name, "access_token"))
        let refresh = try token.refreshToken.map { try sealer.seal($0, context: context(userID, name, "refresh_token")) }
        let now = store.clock.unixSeconds
        try await store.write { database in
            try await database.raw("DELETE FROM demo_oauth1_tokens WHERE user_id = \(bind: userID) AND name = \(bind: name)").run()
            try await database.raw(
                """
                INSERT INTO demo_oauth2_tokens
                    (user_id, name, token_type, access_token, refresh_token, expires_at, scope, connected_at, refreshed_at)
                VALUES (\(bind: userID), \(bind: name), \(bind: token.tokenType), \(bind: access), \(bind: refresh),
                    \(bind: token.expiresAt), \(bind: token.scope), \(bind: connectedAt ?? now), \(bind: refreshedAt))
                ON CONFLICT (user_id, name) DO UPDATE SET token_type = excluded.token_type,
                    access_token = excluded.access_token, refresh_token = excluded.refresh_token,
                    expires_at = excluded.expires_at, scope = excluded.scope, refreshed_at = excluded.refreshed_at,
                    connected_at = \(unsafeRaw: connectedAt == nil ? "demo_oauth2_tokens.connected_at" : "excluded.connected_at")
                """
            ).run()
        }
    }

    /// Forgets the token `userID` holds at `name` and returns it (to revoke it at the provider).
    @discardableResult
    public func remove(userID: String, name: String) async throws -> RemoteToken? {
        let token = try await self.token(userID: userID, name: name)
        try await store.write { database in
            try await database.raw("DELETE FROM demo_oauth1_tokens WHERE user_id = \(bind: userID) AND name = \(bind: name)").run()
            try await database.raw("DELETE FROM demo_oauth2_tokens WHERE user_id = \(bind: userID) AND name = \(bind: name)").run()
        }
        return token
    }

    /// The remote apps `userID` is connected to, by name.
    public func connections(userID: String) async throws -> [Connection] {
        try await store.read { database in
            let oauth1 = try await database.raw(
                "SELECT name, connected_at FROM demo_oauth1_tokens WHERE user_id = \(bind: userID)"
            ).all().map { row in
                Connection(
                    name: try row.decode(column: "name", as: String.self),
                    protocolName: "OAuth 1.0",
                    connectedAt: Self.date(try row.decode(column: "connected_at", as: Int.self))
                )
            }
            let oauth2 = try await database.raw(
                "SELECT name, connected_at, refreshed_at, expires_at FROM demo_oauth2_tokens WHERE user_id = \(bind: userID)"
            ).all().map { row in
                Connection(
                    name: try row.decode(column: "name", as: String.self),
                    protocolName: "OAuth 2.0",
                    connectedAt: Self.date(try row.decode(column: "connected_at", as: Int.self)),
                    refreshedAt: try row.decode(column: "refreshed_at", as: Int?.self).map(Self.date),
                    expiresAt: try row.decode(column: "expires_at", as: Int?.self).map(Self.date)
                )
            }
            return (oauth1 + oauth2).sorted { $0.name < $1.name }
        }
    }

    /// A stored time (Unix seconds) as a date.
    private static func date(_ seconds: Int) -> Date { Date(timeIntervalSince1970: Double(seconds)) }

    /// The authenticated data a secret is sealed with: its row and column.
    private func context(_ userID: String, _ name: String, _ column: String) -> String {
        "\(userID)\u{0}\(name)\u{0}\(column)"
    }
}

extension RemoteTokenStore.Connection {
    init(name: String, protocolName: String, connectedAt: Date) {
        self.init(name: name, protocolName: protocolName, connectedAt: connectedAt, refreshedAt: nil, expiresAt: nil)
    }
}
