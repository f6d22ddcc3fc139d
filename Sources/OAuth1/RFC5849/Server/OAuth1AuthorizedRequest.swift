/// A request the ``OAuth1ResourceProtector`` accepted: the request with the client and the token
/// credential it was signed with. The HTTP layer binds ``credential`` as `currentCredential`.
public struct OAuth1AuthorizedRequest: Sendable {
    /// The verified request.
    public var request: OAuth1Request
    /// The client that signed it.
    public var client: any OAuth1Client
    /// The token credential it used; ``OAuth1TokenCredential/userID`` is the resource owner.
    public var credential: any OAuth1TokenCredential

    /// Creates the value.
    public init(request: OAuth1Request, client: any OAuth1Client, credential: any OAuth1TokenCredential) {
        self.request = request
        self.client = client
        self.credential = credential
    }
}
