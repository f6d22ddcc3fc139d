import GatehouseCommon

/// A plain temporary credential value, the one the server keeps in a ``/GatehouseCommon/KeyValueCache`` by default
/// (Authlib's dict-backed `TemporaryCredential`).
///
/// Its ``cacheValue`` is a form-encoded string, so any cache that stores strings can hold it.
public struct OAuth1TemporaryCredentialRecord: OAuth1TemporaryCredential, Hashable {
    public var clientID: String
    public var oauthToken: String
    public var oauthTokenSecret: String
    public var redirectURI: String?
    public var verifier: String?
    public var userID: String?

    /// Creates a record.
    public init(
        clientID: String,
        oauthToken: String,
        oauthTokenSecret: String,
        redirectURI: String? = nil,
        verifier: String? = nil,
        userID: String? = nil
    ) {
        self.clientID = clientID
        self.oauthToken = oauthToken
        self.oauthTokenSecret = oauthTokenSecret
        self.redirectURI = redirectURI
        self.verifier = verifier
        self.userID = userID
    }

    /// Copies any temporary credential.
    public init(_ credential: some OAuth1TemporaryCredential) {
        self.init(
            clientID: credential.clientID,
            oauthToken: credential.oauthToken,
            oauthTokenSecret: credential.oauthTokenSecret,
            redirectURI: credential.redirectURI,
            verifier: credential.verifier,
            userID: credential.userID
        )
    }

    /// The record as a form-encoded string.
    public var cacheValue: String {
        var parameters: Parameters = [
            "client_id": clientID, "oauth_token": oauthToken, "oauth_token_secret": oauthTokenSecret,
        ]
        if let redirectURI { parameters.append("oauth_callback", redirectURI) }
        if let verifier { parameters.append("oauth_verifier", verifier) }
        if let userID { parameters.append("user_id", userID) }
        return FormURLEncoding.encode(parameters)
    }

    /// Decodes ``cacheValue``; `nil` when it is not a record.
    public init?(cacheValue: String) {
        guard let parameters = try? FormURLEncoding.decode(cacheValue),
            let clientID = parameters["client_id"], let token = parameters["oauth_token"],
            let secret = parameters["oauth_token_secret"]
        else { return nil }
        self.init(
            clientID: clientID,
            oauthToken: token,
            oauthTokenSecret: secret,
            redirectURI: parameters["oauth_callback"],
            verifier: parameters["oauth_verifier"],
            userID: parameters["user_id"]
        )
    }
}
