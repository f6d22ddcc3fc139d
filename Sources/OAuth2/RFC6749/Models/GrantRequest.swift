/// A validated grant request: what a grant learnt from the HTTP request and the stores.
///
/// Returned by ``AuthorizationServer/validateConsentRequest(_:endUser:)`` for the consent page
/// (client, scope, redirect URI, state, response type), and handed to the `saveToken` hook
/// and the token generators (Authlib's `request.client`, `request.user`, `request.scope`).
public struct GrantRequest: Sendable {
    /// The HTTP request.
    public var request: OAuth2Request
    /// The authenticated (token endpoint) or identified (authorization endpoint) client.
    public var client: any OAuth2Client
    /// The resource owner: the consenting user, the code's user, the password user; `nil` for
    /// client credentials.
    public var user: (any OAuth2User)?
    /// The `grant_type` being used (token endpoint) or implied (`authorization_code`, `implicit`).
    public var grantType: GrantType
    /// The `response_type` at the authorization endpoint.
    public var responseType: ResponseType?
    /// The scope to grant, after server and client checks (space-delimited).
    public var scope: String?
    /// The redirect URI responses go to (the validated parameter or the client's default).
    public var redirectURI: String?
    /// The `redirect_uri` parameter exactly as sent, `nil` when omitted (stored with a code,
    /// RFC 6749 §4.1.3).
    public var redirectURIParameter: String?
    /// The client's `state`.
    public var state: String?
    /// The PKCE challenge accepted by ``CodeChallenge`` (RFC 7636 §4.4).
    public var codeChallenge: String?
    /// The PKCE method accepted by ``CodeChallenge``.
    public var codeChallengeMethod: String?
    /// The OpenID Connect `nonce` parameter.
    public var nonce: String?
    /// The authorization code being redeemed (authorization code grant).
    public var authorizationCode: (any AuthorizationCode)?
    /// The token whose refresh token is being used (refresh token grant).
    public var refreshCredential: (any OAuth2Token)?
    /// The token family the issued token joins (RFC 9700 §4.14.2).
    public var grantID: String?
    /// Free-form values a custom grant or extension carries from validation to response.
    public var attributes: [String: String]

    /// Creates a grant request.
    public init(
        request: OAuth2Request,
        client: any OAuth2Client,
        grantType: GrantType,
        user: (any OAuth2User)? = nil,
        responseType: ResponseType? = nil,
        scope: String? = nil,
        redirectURI: String? = nil,
        redirectURIParameter: String? = nil,
        state: String? = nil,
        grantID: String? = nil
    ) {
        self.request = request
        self.client = client
        self.grantType = grantType
        self.user = user
        self.responseType = responseType
        self.scope = scope
        self.redirectURI = redirectURI
        self.redirectURIParameter = redirectURIParameter
        self.state = state
        self.grantID = grantID
        self.attributes = [:]
    }

    /// The scope as a list of tokens.
    public var scopes: [String] { Scope.list(scope) }
}
