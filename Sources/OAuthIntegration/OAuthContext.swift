public import OAuth1
public import OAuth2

/// The OAuth credentials of the request the current task is handling, bound by the guards
/// (`requireOAuth(...)`) for the handler and its child tasks: the Swift form of Authlib's
/// `current_token` and `current_credential` proxies.
///
/// They are `@TaskLocal`s: gone when the handler returns, `nil` outside a guarded route. A handler
/// that starts an unstructured `Task` must capture what it needs first.
public enum OAuthContext {
    /// The OAuth 2 access token that authorised the request.
    @TaskLocal public static var token: (any OAuth2Token)?
    /// The OAuth 1 request that passed the resource protector: client and token credential.
    @TaskLocal public static var credential: OAuth1AuthorizedRequest?
}

/// The OAuth 2 access token of the current request (see ``OAuthContext``), Authlib's `current_token`.
public var currentToken: (any OAuth2Token)? { OAuthContext.token }

/// The OAuth 1 token credential of the current request (see ``OAuthContext``), Authlib's
/// `current_credential`; its `userID` names the resource owner.
public var currentCredential: (any OAuth1TokenCredential)? { OAuthContext.credential?.credential }
