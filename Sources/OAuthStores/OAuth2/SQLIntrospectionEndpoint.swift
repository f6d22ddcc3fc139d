public import OAuth2

/// The token introspection endpoint (RFC 7662) over ``SQLStore``, ready to register.
///
/// By default a client may introspect only its own tokens; pass `checkPermission` to let resource
/// servers introspect tokens of other clients.
///
/// ```swift
/// server.registerEndpoint(store.introspectionEndpoint())
/// ```
public struct SQLIntrospectionEndpoint: IntrospectionEndpoint {
    /// The database.
    public let store: SQLStore
    /// Decides whether a client may see a token; `nil`: only the client the token was issued to.
    public let permission: (@Sendable (_ token: any OAuth2Token, _ client: any OAuth2Client) async throws -> Bool)?

    /// Creates the endpoint.
    ///
    /// - Parameters:
    ///   - store: the database.
    ///   - checkPermission: whether `client` may introspect `token`. **Default:** same client only.
    public init(
        store: SQLStore,
        checkPermission: (@Sendable (_ token: any OAuth2Token, _ client: any OAuth2Client) async throws -> Bool)? = nil
    ) {
        self.store = store
        self.permission = checkPermission
    }

    public func queryToken(_ token: String, hint: TokenTypeHint?) async throws -> (any OAuth2Token)? {
        try await store.oauth2Token(matching: token)
    }

    public func checkPermission(_ token: any OAuth2Token, client: any OAuth2Client, request: OAuth2Request) async throws -> Bool {
        guard let permission else { return token.clientID == client.clientID }
        return try await permission(token, client)
    }
}
