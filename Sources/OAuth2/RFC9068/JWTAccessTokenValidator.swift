import FoundationEssentials
public import GatehouseCommon
public import GatehouseJOSE

/// Validates RFC 9068 JWT access tokens issued by an authorization server on another machine, with
/// its published keys alone (no shared database): the signature with a key of its JWKS (by `kid`,
/// `alg` bound to the key), `typ: at+jwt` (a missing `typ` is refused, RFC 9068 §4), `iss`, `aud`
/// when an audience is given, `iat` not in the future and `exp` with a clock leeway. Plugs into
/// ``ResourceProtector`` like any validator, so `requireOAuth("profile")` is unchanged.
///
/// ```swift
/// let keys = RemoteKeySet { try await http.get(jwksURI) }
/// requireOAuth.registerTokenValidator(
///     JWTAccessTokenValidator(issuer: "https://id.example", audience: "https://api.example", keys: keys)
/// )
/// ```
public struct JWTAccessTokenValidator: BearerTokenValidator {
    /// The `iss` every token must carry.
    public let issuer: String
    /// The resource this server is: `aud` must contain it. `nil`: no audience check.
    public let audience: String?
    /// Seconds of clock difference tolerated on `iat` and `exp`. **Default:** 60.
    public let leeway: Int
    /// The issuer's keys.
    public let keys: RemoteKeySet
    /// The clock `iat` is compared with. **Default:** ``/GatehouseCommon/WallClock/system``.
    public let clock: WallClock

    /// Creates the validator.
    ///
    /// - Parameters:
    ///   - issuer: the authorization server's issuer identifier.
    ///   - audience: this resource server's identifier; `nil` checks no audience.
    ///   - leeway: tolerated clock difference in seconds.
    ///   - keys: the issuer's key set, fetched from its `jwks_uri`.
    ///   - clock: the clock `iat` is compared with.
    public init(issuer: String, audience: String? = nil, leeway: Int = 60, keys: RemoteKeySet, clock: WallClock = .system) {
        self.issuer = issuer
        self.audience = audience
        self.leeway = leeway
        self.keys = keys
        self.clock = clock
    }

    /// The verified token, or `nil` (`invalid_token`) for anything that fails a check; a key set
    /// that cannot be fetched throws (the request fails with a server error, not a 401).
    public func authenticateToken(_ tokenString: String) async throws -> (any OAuth2Token)? {
        guard let header = try? JOSEHeader(compact: tokenString) else { return nil }
        let keySet = try await keys.keys(for: header.kid)
        let claims: JWTAccessTokenClaims
        do {
            // RFC 9068 §4: `at+jwt`, or its full media type `application/at+jwt`.
            claims = try await keySet.verify(tokenString, as: JWTAccessTokenClaims.self, type: "at+jwt")
        } catch {
            return nil  // the keys are in hand: whatever fails now is the token's fault (401, not 500)
        }
        guard claims.iss == issuer else { return nil }
        if let audience, !claims.aud.contains(audience) { return nil }
        guard claims.iat <= Int(clock.now.timeIntervalSince1970) + leeway else { return nil }
        return JWTAccessToken(claims: claims, accessToken: tokenString, leeway: leeway)
    }
}
