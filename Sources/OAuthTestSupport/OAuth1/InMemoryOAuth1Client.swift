public import OAuth1

/// An ``OAuth1Client`` held in memory, for tests.
public struct InMemoryOAuth1Client: OAuth1Client, Hashable {
    public var clientID: String
    public var clientSecret: String
    public var rsaPublicKey: String?
    public var defaultRedirectURI: String?
    public var redirectURIs: [String]

    /// Creates a client; `redirectURIs` defaults to the default redirect URI alone.
    public init(
        clientID: String,
        clientSecret: String,
        rsaPublicKey: String? = nil,
        defaultRedirectURI: String? = nil,
        redirectURIs: [String]? = nil
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.rsaPublicKey = rsaPublicKey
        self.defaultRedirectURI = defaultRedirectURI
        self.redirectURIs = redirectURIs ?? defaultRedirectURI.map { [$0] } ?? []
    }
}
