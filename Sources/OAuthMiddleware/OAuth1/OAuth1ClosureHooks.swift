public import GatehouseCommon
public import OAuth1

/// OAuth 1 server hooks from the seed's functions: a client lookup and token-credential creation
/// given as closures, with temporary credentials and nonces kept in a ``/GatehouseCommon/KeyValueCache`` (the
/// protocol's cache-backed defaults).
public struct OAuth1ClosureHooks: OAuth1AuthorizationServerHooks {
    /// Stores a token credential for the client and user of a temporary credential.
    public typealias CreateTokenCredential =
        @Sendable (
            _ request: OAuth1Request,
            _ temporaryCredential: any OAuth1TemporaryCredential,
            _ oauthToken: String,
            _ oauthTokenSecret: String
        ) async throws -> any OAuth1TokenCredential

    private let queryClient: @Sendable (String) async throws -> (any OAuth1Client)?
    private let makeTokenCredential: CreateTokenCredential
    /// Where temporary credentials and nonces live.
    public let cache: (any KeyValueCache)?

    /// Creates hooks from the two functions every server needs and a cache for the rest.
    public init(
        queryClient: @escaping @Sendable (String) async throws -> (any OAuth1Client)?,
        createTokenCredential: @escaping CreateTokenCredential,
        cache: any KeyValueCache
    ) {
        self.queryClient = queryClient
        self.makeTokenCredential = createTokenCredential
        self.cache = cache
    }

    public func getClientByID(_ clientID: String) async throws -> (any OAuth1Client)? {
        try await queryClient(clientID)
    }

    public func createTokenCredential(
        _ request: OAuth1Request,
        temporaryCredential: any OAuth1TemporaryCredential,
        oauthToken: String,
        oauthTokenSecret: String
    ) async throws -> any OAuth1TokenCredential {
        try await makeTokenCredential(request, temporaryCredential, oauthToken, oauthTokenSecret)
    }
}
