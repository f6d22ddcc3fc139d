public import OAuth2

/// An in-memory ``OAuth2Client`` for tests (Authlib's test `Client` model).
public struct MemoryClient: OAuth2Client {
    public var clientID: String
    public var clientSecret: String?
    public var redirectURIs: [String]
    public var scope: String
    public var grantTypes: Set<GrantType>
    public var responseTypes: Set<ResponseType>
    public var tokenEndpointAuthMethod: ClientAuthMethod

    /// Creates a client; defaults describe a confidential client allowed every built-in grant.
    public init(
        clientID: String,
        clientSecret: String? = nil,
        redirectURIs: [String] = ["https://client.example/callback"],
        scope: String = "profile email",
        grantTypes: Set<GrantType> = [.authorizationCode, .password, .clientCredentials, .refreshToken, .implicit],
        responseTypes: Set<ResponseType> = [.code, .token],
        tokenEndpointAuthMethod: ClientAuthMethod = .clientSecretBasic
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURIs = redirectURIs
        self.scope = scope
        self.grantTypes = grantTypes
        self.responseTypes = responseTypes
        self.tokenEndpointAuthMethod = tokenEndpointAuthMethod
    }
}
