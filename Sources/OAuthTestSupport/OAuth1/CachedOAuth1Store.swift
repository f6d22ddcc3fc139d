public import GatehouseCommon
import NIOConcurrencyHelpers
public import OAuth1

/// Only the two required hooks, with temporary credentials and nonces left to the default,
/// cache-backed hooks: the `OAUTH1_AUTH_CACHE_TYPE` path of the seed.
public final class CachedOAuth1Store: OAuth1AuthorizationServerHooks {
    public let cache: (any KeyValueCache)?
    private let clients: NIOLockedValueBox<[String: InMemoryOAuth1Client]>
    private let tokens = NIOLockedValueBox<[String: InMemoryOAuth1TokenCredential]>([:])

    /// Creates a store over `cache` (a fresh ``MemoryCache`` by default).
    public init(clients: [InMemoryOAuth1Client] = [], cache: any KeyValueCache = MemoryCache()) {
        self.cache = cache
        self.clients = NIOLockedValueBox(Dictionary(clients.map { ($0.clientID, $0) }, uniquingKeysWith: { $1 }))
    }

    /// The token credentials issued so far.
    public var tokenCredentials: [InMemoryOAuth1TokenCredential] { tokens.withLockedValue { Array($0.values) } }

    public func getClientByID(_ clientID: String) async throws -> (any OAuth1Client)? {
        clients.withLockedValue { $0[clientID] }
    }

    public func createTokenCredential(
        _ request: OAuth1Request,
        temporaryCredential: any OAuth1TemporaryCredential,
        oauthToken: String,
        oauthTokenSecret: String
    ) async throws -> any OAuth1TokenCredential {
        var credential = InMemoryOAuth1TokenCredential(
            clientID: temporaryCredential.clientID,
            oauthToken: oauthToken,
            oauthTokenSecret: oauthTokenSecret
        )
        if let userID = temporaryCredential.userID { credential.setGrantUser(userID) }
        tokens.withLockedValue { $0[oauthToken] = credential }
        return credential
    }
}
