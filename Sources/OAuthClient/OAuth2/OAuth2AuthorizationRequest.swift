/// What ``OAuth2Session/createAuthorizationURL(_:redirectURI:scope:state:codeChallengeMethod:codeVerifier:nonce:extraParameters:)``
/// produces: the URL to send the user-agent to, and the values the client must keep (server-side,
/// bound to the user's session) to check the callback and redeem the code.
///
/// RFC 6749 §4.1.1 (`state`, RFC 6749 §10.12), RFC 7636 §4.1–4.3 (`code_verifier`), OpenID Connect
/// Core §3.1.2.1 (`nonce`).
public struct OAuth2AuthorizationRequest: Sendable, Hashable {
    /// The authorization endpoint URL with every parameter in its query.
    public var url: String
    /// The `state` sent; the callback must carry it back.
    public var state: String
    /// The PKCE `code_verifier` whose challenge was sent, to pass to the token request; `nil` without PKCE.
    public var codeVerifier: String?
    /// The OpenID Connect `nonce` sent, to check in the ID token; `nil` when none was sent.
    public var nonce: String?
    /// The `redirect_uri` sent, which the token request must repeat (RFC 6749 §4.1.3).
    public var redirectURI: String?

    /// Creates the value.
    ///
    /// - Parameters:
    ///   - url: the full authorization URL.
    ///   - state: the `state` sent.
    ///   - codeVerifier: the PKCE verifier.
    ///   - nonce: the OpenID Connect nonce.
    ///   - redirectURI: the `redirect_uri` sent.
    public init(url: String, state: String, codeVerifier: String? = nil, nonce: String? = nil, redirectURI: String? = nil) {
        self.url = url
        self.state = state
        self.codeVerifier = codeVerifier
        self.nonce = nonce
        self.redirectURI = redirectURI
    }
}
