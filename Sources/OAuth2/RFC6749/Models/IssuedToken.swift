public import FoundationEssentials

/// A freshly issued token, before it is saved (Authlib's token `dict` passed to `save_token`).
///
/// Rendered as the RFC 6749 §5.1 response by ``jsonObject``.
public struct IssuedToken: Sendable, Equatable {
    /// `access_token`.
    public var accessToken: String
    /// `token_type`: `Bearer` (RFC 6750).
    public var tokenType: String
    /// `expires_in` seconds.
    public var expiresIn: Int
    /// `refresh_token`, when one is issued.
    public var refreshToken: String?
    /// `scope`, the granted scope.
    public var scope: String?
    /// When it was issued.
    public var issuedAt: Date
    /// The token family it belongs to (store it with the token).
    public var grantID: String
    /// Extra response members a custom grant or generator adds (e.g. `id_token`).
    public var extra: [String: JSONValue]

    /// Creates a token.
    public init(
        accessToken: String,
        tokenType: String = "Bearer",
        expiresIn: Int,
        refreshToken: String? = nil,
        scope: String? = nil,
        issuedAt: Date = Date(),
        grantID: String,
        extra: [String: JSONValue] = [:]
    ) {
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.expiresIn = expiresIn
        self.refreshToken = refreshToken
        self.scope = scope
        self.issuedAt = issuedAt
        self.grantID = grantID
        self.extra = extra
    }

    /// The RFC 6749 §5.1 members: `access_token`, `token_type`, `expires_in`, `refresh_token`, `scope`.
    public var jsonObject: [String: JSONValue] {
        var object = extra
        object["access_token"] = .string(accessToken)
        object["token_type"] = .string(tokenType)
        if expiresIn > 0 { object["expires_in"] = .int(expiresIn) }
        if let refreshToken { object["refresh_token"] = .string(refreshToken) }
        if let scope { object["scope"] = .string(scope) }
        return object
    }

    /// The token endpoint response: 200 JSON with `Cache-Control: no-store` (RFC 6749 §5.1).
    public var response: OAuth2Response { .json(jsonObject, noStore: true) }
}
