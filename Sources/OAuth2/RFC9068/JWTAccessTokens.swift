public import FoundationEssentials
public import GatehouseCommon
public import GatehouseJOSE

/// RFC 9068 JWT access tokens: an ``AuthorizationServer`` with this set in its configuration
/// (``AuthorizationServer/Configuration/jwtAccessTokens``) issues signed JWTs (`typ: at+jwt`)
/// instead of opaque random tokens, so resource servers on other machines verify them with the
/// issuer's JWKS alone.
///
/// The tokens are stored like opaque ones (by digest, with their grant), so the server's own
/// guard and introspection still refuse a revoked JWT; a resource server that only checks
/// signatures accepts it until it expires: keep lifetimes short.
public struct JWTAccessTokens: Sendable {
    /// The key set the tokens are signed with (read on each issuance; the source caches it).
    public typealias KeySource = @Sendable () async throws -> KeySet

    /// `iss` (RFC 9068 §2.2): the server's issuer identifier.
    public var issuer: String
    /// `aud` when the request names no resource (RFC 9068 §3: a default resource indicator).
    public var defaultAudience: [String]
    /// The signing algorithm. **Default:** RS256 (RFC 9068 §2.1: RS256 MUST be supported).
    public var algorithm: SigningAlgorithm
    /// Where the current key set comes from.
    public var keys: KeySource

    /// Creates the setting.
    ///
    /// - Parameters:
    ///   - issuer: `iss`.
    ///   - defaultAudience: `aud` without a `resource` parameter. **Default:** the issuer.
    ///   - algorithm: the signing algorithm. **Default:** RS256.
    ///   - keys: the key set source (an `SQLKeySetSource`'s `keySet()`, say).
    public init(issuer: String, defaultAudience: [String]? = nil, algorithm: SigningAlgorithm = .rs256, keys: @escaping KeySource) {
        self.issuer = issuer
        self.defaultAudience = defaultAudience ?? [issuer]
        self.algorithm = algorithm
        self.keys = keys
    }

    /// The claims of the token issued for `grantRequest` (RFC 9068 §2.2).
    public func claims(for grantRequest: GrantRequest, issuedAt: Date, expiresIn: Int) -> JWTAccessTokenClaims {
        let iat = Int(issuedAt.timeIntervalSince1970)
        return JWTAccessTokenClaims(
            iss: issuer,
            sub: grantRequest.user?.userID ?? grantRequest.client.clientID,
            aud: defaultAudience,
            clientID: grantRequest.client.clientID,
            exp: iat + expiresIn,
            iat: iat,
            jti: TokenGenerator.generate(length: 22),
            scope: grantRequest.scope
        )
    }

    /// Signs the token issued for `grantRequest`.
    public func sign(for grantRequest: GrantRequest, issuedAt: Date, expiresIn: Int) async throws -> String {
        try await keys().sign(claims(for: grantRequest, issuedAt: issuedAt, expiresIn: expiresIn), algorithm: algorithm, type: "at+jwt")
    }
}
