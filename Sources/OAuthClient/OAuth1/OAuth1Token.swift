public import GatehouseCommon

/// OAuth 1 credentials as the client holds them: a temporary credential (RFC 5849 §2.1) or a token
/// credential (§2.3), with any other parameters the provider sent (`oauth_callback_confirmed`,
/// `user_id`, `screen_name`, ...).
///
/// `Codable`, so an application can store the token credential and load it later (Authlib's
/// `dict(oauth_token=..., oauth_token_secret=...)`).
public struct OAuth1Token: Sendable, Hashable, Codable {
    /// `oauth_token`.
    public var oauthToken: String
    /// `oauth_token_secret`.
    public var oauthTokenSecret: String
    /// Every other parameter of the provider's answer.
    public var extra: [String: String]

    /// Creates a credential.
    ///
    /// - Parameters:
    ///   - oauthToken: `oauth_token`.
    ///   - oauthTokenSecret: `oauth_token_secret`.
    ///   - extra: other parameters.
    public init(oauthToken: String, oauthTokenSecret: String, extra: [String: String] = [:]) {
        self.oauthToken = oauthToken
        self.oauthTokenSecret = oauthTokenSecret
        self.extra = extra
    }

    /// Reads a credentials answer (RFC 5849 §2.1, §2.3: form-encoded `oauth_token` and `oauth_token_secret`).
    ///
    /// - Parameter parameters: the decoded form.
    /// - Throws: ``OAuthClientError`` `malformed_response` when either value is missing.
    public init(parameters: Parameters) throws(OAuthClientError) {
        guard let token = parameters["oauth_token"], !token.isEmpty,
            let secret = parameters["oauth_token_secret"]
        else {
            throw OAuthClientError(.malformedResponse, message: "the answer lacks oauth_token or oauth_token_secret")
        }
        var extra = parameters.firstValues
        extra["oauth_token"] = nil
        extra["oauth_token_secret"] = nil
        self.init(oauthToken: token, oauthTokenSecret: secret, extra: extra)
    }

    /// `oauth_callback_confirmed` of a temporary credential (RFC 5849 §2.1).
    ///
    /// Compared case-insensitively: the RFC says `true`, but Authlib's provider sends `True`.
    public var callbackConfirmed: Bool { extra["oauth_callback_confirmed"]?.lowercased() == "true" }
}
