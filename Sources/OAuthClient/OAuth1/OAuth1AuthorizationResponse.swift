public import GatehouseCommon

/// The resource owner authorization callback of RFC 5849 §2.2: the temporary credential's
/// `oauth_token` and the `oauth_verifier` to exchange for token credentials.
public struct OAuth1AuthorizationResponse: Sendable, Hashable {
    /// `oauth_token`: the temporary credential identifier.
    public var oauthToken: String
    /// `oauth_verifier`.
    public var verifier: String
    /// Every callback parameter.
    public var parameters: Parameters

    /// Creates the value.
    ///
    /// - Parameters:
    ///   - oauthToken: `oauth_token`.
    ///   - verifier: `oauth_verifier`.
    ///   - parameters: all callback parameters.
    public init(oauthToken: String, verifier: String, parameters: Parameters) {
        self.oauthToken = oauthToken
        self.verifier = verifier
        self.parameters = parameters
    }
}
