public import GatehouseJOSE
public import JWTKit

/// The claims of an RFC 9068 JWT access token (§2.2): who issued it, for which resource (`aud`),
/// for whom (`sub`), to which client, until when, and with which scope.
public struct JWTAccessTokenClaims: JWTPayload, Sendable, Equatable {
    /// `iss`: the authorization server's issuer identifier.
    public var iss: String
    /// `sub`: the resource owner, or the client itself when no user is involved (client credentials).
    public var sub: String
    /// `aud`: the resource(s) the token is meant for.
    public var aud: [String]
    /// `client_id`: the client the token was issued to.
    public var clientID: String
    /// `exp`, seconds since 1970.
    public var exp: Int
    /// `iat`, seconds since 1970.
    public var iat: Int
    /// `jti`: unique per token.
    public var jti: String
    /// `scope`, space-separated, when the token has one.
    public var scope: String?

    enum CodingKeys: String, CodingKey {
        case iss, sub, aud, exp, iat, jti, scope
        case clientID = "client_id"
    }

    /// Creates the claims.
    public init(iss: String, sub: String, aud: [String], clientID: String, exp: Int, iat: Int, jti: String, scope: String?) {
        self.iss = iss
        self.sub = sub
        self.aud = aud
        self.clientID = clientID
        self.exp = exp
        self.iat = iat
        self.jti = jti
        self.scope = scope
    }

    /// Reads `aud` as a string or an array of strings (RFC 7519 §4.1.3).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        iss = try container.decode(String.self, forKey: .iss)
        sub = try container.decode(String.self, forKey: .sub)
        if let single = try? container.decode(String.self, forKey: .aud) {
            aud = [single]
        } else {
            aud = try container.decode([String].self, forKey: .aud)
        }
        clientID = try container.decode(String.self, forKey: .clientID)
        exp = try container.decode(Int.self, forKey: .exp)
        iat = try container.decode(Int.self, forKey: .iat)
        jti = try container.decode(String.self, forKey: .jti)
        scope = try container.decodeIfPresent(String.self, forKey: .scope)
    }

    /// Writes `aud` as a string when there is one audience.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(iss, forKey: .iss)
        try container.encode(sub, forKey: .sub)
        if aud.count == 1 { try container.encode(aud[0], forKey: .aud) } else { try container.encode(aud, forKey: .aud) }
        try container.encode(clientID, forKey: .clientID)
        try container.encode(exp, forKey: .exp)
        try container.encode(iat, forKey: .iat)
        try container.encode(jti, forKey: .jti)
        try container.encodeIfPresent(scope, forKey: .scope)
    }

    /// Signature only: the resource server checks issuer, audience and expiry itself, with its own
    /// clock and leeway.
    public func verify(using algorithm: some JWTAlgorithm) async throws {}
}
