public import OAuth1
public import OAuth2
public import Vapor

/// The bearer token the OAuth 2 guard accepted, as Vapor keeps identities: `req.auth.get(OAuthBearerIdentity.self)`.
public struct OAuthBearerIdentity: Authenticatable {
    /// The token.
    public let token: any OAuth2Token
}

/// The client and token credential the OAuth 1 guard accepted: `req.auth.get(OAuth1Identity.self)`.
public struct OAuth1Identity: Authenticatable {
    /// The verified request: client and token credential.
    public let authorized: OAuth1AuthorizedRequest
}

extension Vapor.Request {
    /// The OAuth 2 token a guard accepted for this request, if any.
    public var oauthToken: (any OAuth2Token)? { auth.get(OAuthBearerIdentity.self)?.token }

    /// The OAuth 1 credential a guard accepted for this request, if any.
    public var oauthCredential: (any OAuth1TokenCredential)? { auth.get(OAuth1Identity.self)?.authorized.credential }
}
