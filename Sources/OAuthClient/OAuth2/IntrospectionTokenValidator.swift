public import FoundationEssentials
public import GatehouseCommon
public import OAuth2

/// Validates opaque access tokens of an authorization server on another machine through its RFC
/// 7662 introspection endpoint, authenticating as a client the server lets introspect (a resource
/// server). Plugs into ``/OAuth2/ResourceProtector`` like any validator, so `requireOAuth("profile")`
/// is unchanged.
///
/// Answers are cached per token for at most ``cacheLifetime`` and never past the token's `exp`, so
/// a token revoked at the server stops working here within that bound. An unreachable server is an
/// error (a 500 for the request), not a 401.
///
/// ```swift
/// let session = OAuth2Session(clientID: "api", clientSecret: secret)
/// requireOAuth.registerTokenValidator(IntrospectionTokenValidator(endpoint: introspectionURL, session: session))
/// ```
public final class IntrospectionTokenValidator: BearerTokenValidator {
    /// The token an introspection answer describes.
    public struct IntrospectedToken: OAuth2Token, Sendable {
        /// The token itself.
        public let accessToken: String
        /// The answer's members (RFC 7662 §2.2).
        public let fields: [String: JSONValue]
        /// Introspection answers carry no refresh token.
        public var refreshToken: String? { nil }
        /// `scope`.
        public var scope: String? { fields["scope"]?.stringValue }
        /// `client_id`.
        public var clientID: String { fields["client_id"]?.stringValue ?? "" }
        /// `sub`, unless it names the client itself.
        public var userID: String? {
            guard let sub = fields["sub"]?.stringValue, sub != clientID else { return nil }
            return sub
        }
        /// `iat` (or the time of the answer without one).
        public let issuedAt: Date
        /// Until `exp`; `0` (never) without one.
        public let expiresIn: Int
        /// Only active tokens are handed on.
        public var isRevoked: Bool { false }
        /// Unknown to a resource server.
        public var grantID: String? { nil }
    }

    /// The introspection endpoint.
    public let endpoint: String
    /// The longest an answer is reused. **Default:** 60 s.
    public let cacheLifetime: Duration
    private let session: OAuth2Session
    private let clock: WallClock
    private let cache: LookupCache<String, Answer>

    private struct Answer: Sendable {
        var token: IntrospectedToken?
    }

    /// Creates the validator.
    ///
    /// - Parameters:
    ///   - endpoint: the server's `introspection_endpoint`.
    ///   - session: a session with this resource server's client credentials (it authenticates as
    ///     at the revocation endpoint).
    ///   - cacheLifetime: the longest an answer is reused.
    ///   - capacity: how many answers are kept at most. **Default:** 10,000.
    ///   - clock: the wall clock lifetimes are measured by.
    public init(
        endpoint: String,
        session: OAuth2Session,
        cacheLifetime: Duration = .seconds(60),
        capacity: Int = 10_000,
        clock: WallClock = .system
    ) {
        self.endpoint = endpoint
        self.session = session
        self.cacheLifetime = cacheLifetime
        self.clock = clock
        cache = LookupCache(lifetime: cacheLifetime, capacity: capacity, clock: clock)
    }

    /// The active token, or `nil` (`invalid_token`) when the server says it is not active.
    public func authenticateToken(_ tokenString: String) async throws -> (any OAuth2Token)? {
        if let answer = cache.value(for: tokenString, epoch: 0), answer.token.map({ !$0.isExpired(at: clock.now) }) ?? true {
            return answer.token
        }
        let fields = try await session.introspectToken(url: endpoint, token: tokenString)
        let now = clock.now
        // Only access tokens: a refresh token introspects as active too (RFC 7662), with its own type.
        let type = fields["token_type"]?.stringValue?.lowercased()
        guard fields["active"]?.boolValue == true, type == nil || type == "bearer" || type == "dpop" else {
            cache.store(Answer(token: nil), for: tokenString, epoch: 0)
            return nil
        }
        let issuedAt = fields["iat"]?.intValue.map { Date(timeIntervalSince1970: TimeInterval($0)) } ?? now
        let expiresIn = fields["exp"]?.intValue.map { max(1, $0 - Int(issuedAt.timeIntervalSince1970)) } ?? 0
        let token = IntrospectedToken(accessToken: tokenString, fields: fields, issuedAt: issuedAt, expiresIn: expiresIn)
        cache.store(Answer(token: token), for: tokenString, epoch: 0)  // served until expiry at most (checked above)
        return token
    }
}
