public import FoundationEssentials
public import GatehouseCommon
import NIOConcurrencyHelpers
public import OAuth2

/// An in-memory OAuth 2 store for tests (Authlib's test `models.py`, fosite's `storage/memory.go`):
/// clients, users, authorization codes and tokens, with the hooks the server needs.
public final class MemoryOAuth2Store: Sendable {
    private struct State {
        var clients: [String: MemoryClient] = [:]
        var users: [String: MemoryUser] = [:]
        var codes: [String: MemoryAuthorizationCode] = [:]
        var tokens: [MemoryToken] = []
    }

    private let state = NIOLockedValueBox(State())
    /// The clock revocations are dated by; give the server the same one.
    public let clock: WallClock

    /// Creates a store holding `clients` and `users`.
    ///
    /// - Parameter clock: dates revocations (default ``WallClock/system``).
    public init(clients: [MemoryClient] = [], users: [MemoryUser] = [], clock: WallClock = .system) {
        self.clock = clock
        state.withLockedValue { state in
            for client in clients { state.clients[client.clientID] = client }
            for user in users { state.users[user.userID] = user }
        }
    }

    // MARK: Clients and users

    public func addClient(_ client: MemoryClient) { state.withLockedValue { $0.clients[client.clientID] = client } }
    public func addUser(_ user: MemoryUser) { state.withLockedValue { $0.users[user.userID] = user } }
    public func client(id: String) -> MemoryClient? { state.withLockedValue { $0.clients[id] } }
    public func user(id: String) -> MemoryUser? { state.withLockedValue { $0.users[id] } }

    /// The user with these credentials, if any.
    public func user(username: String, password: String) -> MemoryUser? {
        state.withLockedValue { $0.users.values.first { $0.username == username && $0.password == password } }
    }

    /// The `queryClient` hook.
    public var queryClient: AuthorizationServer.QueryClient {
        { [self] clientID in client(id: clientID) }
    }

    /// The `saveToken` hook: stores the token with its client, user and family.
    public var saveToken: AuthorizationServer.SaveToken {
        { [self] token, request in
            insertToken(
                MemoryToken(
                    accessToken: token.accessToken,
                    refreshToken: token.refreshToken,
                    scope: token.scope,
                    clientID: request.client.clientID,
                    userID: request.user?.userID,
                    issuedAt: token.issuedAt,
                    expiresIn: token.expiresIn,
                    grantID: token.grantID
                )
            )
        }
    }

    // MARK: Tokens

    public var tokens: [MemoryToken] { state.withLockedValue { $0.tokens } }
    public func insertToken(_ token: MemoryToken) { state.withLockedValue { $0.tokens.append(token) } }
    public func token(accessToken: String) -> MemoryToken? { state.withLockedValue { $0.tokens.first { $0.accessToken == accessToken } } }
    public func token(refreshToken: String) -> MemoryToken? {
        state.withLockedValue { $0.tokens.first { $0.refreshToken == refreshToken } }
    }

    /// The token whose access or refresh token is `value`, looking where `hint` says first.
    public func token(matching value: String, hint: TokenTypeHint?) -> MemoryToken? {
        switch hint {
        case .refreshToken: token(refreshToken: value) ?? token(accessToken: value)
        default: token(accessToken: value) ?? token(refreshToken: value)
        }
    }

    /// Marks the record with this access token revoked (keeps it, for reuse detection), at `date`
    /// (default: ``clock``'s time).
    public func revoke(accessToken: String, at date: Date? = nil) {
        let date = date ?? clock.now
        state.withLockedValue { state in
            for index in state.tokens.indices where state.tokens[index].accessToken == accessToken && state.tokens[index].revokedAt == nil {
                state.tokens[index].revokedAt = date
            }
        }
    }

    /// Revokes every token of a family.
    public func revokeFamily(grantID: String) {
        let now = clock.now
        state.withLockedValue { state in
            for index in state.tokens.indices where state.tokens[index].grantID == grantID && state.tokens[index].revokedAt == nil {
                state.tokens[index].revokedAt = now
            }
        }
    }

    /// Changes a stored token (e.g. to make it expire in a test).
    public func updateToken(accessToken: String, _ change: (inout MemoryToken) -> Void) {
        state.withLockedValue { state in
            for index in state.tokens.indices where state.tokens[index].accessToken == accessToken {
                change(&state.tokens[index])
            }
        }
    }

    // MARK: Authorization codes

    public func saveCode(_ code: String, request: GrantRequest, expiresAt: Date) {
        let record = MemoryAuthorizationCode(
            code: code,
            clientID: request.client.clientID,
            redirectURI: request.redirectURIParameter,
            scope: request.scope,
            userID: request.user?.userID ?? "",
            expiresAt: expiresAt,
            codeChallenge: request.codeChallenge,
            codeChallengeMethod: request.codeChallengeMethod,
            nonce: request.nonce
        )
        state.withLockedValue { $0.codes[code] = record }
    }

    public func code(_ code: String) -> MemoryAuthorizationCode? { state.withLockedValue { $0.codes[code] } }

    public func code(_ code: String, clientID: String) -> MemoryAuthorizationCode? {
        state.withLockedValue { $0.codes[code].flatMap { $0.clientID == clientID ? $0 : nil } }
    }

    /// Marks a code used; `false` when it already was.
    public func markCodeUsed(_ code: String) -> Bool {
        state.withLockedValue { state in
            guard var record = state.codes[code], !record.isUsed else { return false }
            record.isUsed = true
            state.codes[code] = record
            return true
        }
    }

    /// Changes a stored code (e.g. to make it expire in a test).
    public func updateCode(_ code: String, _ change: (inout MemoryAuthorizationCode) -> Void) {
        state.withLockedValue { state in
            if var record = state.codes[code] {
                change(&record)
                state.codes[code] = record
            }
        }
    }
}
