import FoundationEssentials
import OAuth2
import Synchronization

/// The benchmark's one OAuth 2 client: confidential, `client_secret_basic`, client credentials only.
struct BenchOAuth2Client: OAuth2Client {
    var clientID: String
    var clientSecret: String?
    var redirectURIs: [String] { [] }
    var scope: String { "profile" }
    var grantTypes: Set<GrantType> { [.clientCredentials] }
    var responseTypes: Set<ResponseType> { [] }
    var tokenEndpointAuthMethod: ClientAuthMethod { .clientSecretBasic }
}

/// An access token record held in memory.
struct BenchOAuth2Token: OAuth2Token {
    var accessToken: String
    var refreshToken: String?
    var scope: String?
    var clientID: String
    var userID: String?
    var issuedAt: Date
    var expiresIn: Int
    var isRevoked: Bool { false }
    var grantID: String?
}

/// The in-memory OAuth 2 store of the benchmark: one client and a bounded token table.
///
/// Benchmark shortcut: only the last `tokensKept` issued tokens are kept (oldest dropped first), so
/// memory stays flat however many tokens a run issues; the pre-issued token is pinned. A real
/// store keeps every live token (see OAuthStores).
final class BenchOAuth2Store: Sendable {
    private struct State {
        var tokens: [String: BenchOAuth2Token] = [:]
        var order: [String] = []
        var next = 0
    }

    let client: BenchOAuth2Client
    private let tokensKept: Int
    private let state = Mutex(State())

    init(client: BenchOAuth2Client, pinnedAccessToken: String, tokensKept: Int) {
        self.client = client
        self.tokensKept = max(1, tokensKept)
        let pinned = BenchOAuth2Token(
            accessToken: pinnedAccessToken,
            scope: "profile",
            clientID: client.clientID,
            issuedAt: Date(),
            expiresIn: 10 * 365 * 24 * 3600
        )
        state.withLock { $0.tokens[pinnedAccessToken] = pinned }
    }

    /// The `queryClient` hook.
    var queryClient: AuthorizationServer.QueryClient {
        { [client] clientID in clientID == client.clientID ? client : nil }
    }

    /// The `saveToken` hook: keeps the token, dropping the oldest beyond `tokensKept`.
    var saveToken: AuthorizationServer.SaveToken {
        { [self] token, request in
            insert(
                BenchOAuth2Token(
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

    func insert(_ token: BenchOAuth2Token) {
        state.withLock { state in
            if state.order.count < tokensKept {
                state.order.append(token.accessToken)
            } else {
                state.tokens[state.order[state.next]] = nil
                state.order[state.next] = token.accessToken
                state.next = (state.next + 1) % tokensKept
            }
            state.tokens[token.accessToken] = token
        }
    }

    func token(accessToken: String) -> BenchOAuth2Token? {
        state.withLock { $0.tokens[accessToken] }
    }

    var count: Int { state.withLock { $0.tokens.count } }
}

/// Bearer validation against ``BenchOAuth2Store`` (expiry, revocation and scope checks are the library's).
struct BenchBearerTokenValidator: BearerTokenValidator {
    let store: BenchOAuth2Store

    func authenticateToken(_ tokenString: String) async throws -> (any OAuth2Token)? {
        store.token(accessToken: tokenString)
    }
}
