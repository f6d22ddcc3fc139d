/// An OAuth 2.0 error, rendered the way RFC 6749 §4.1.2.1, §5.2 and RFC 6750 §3 define it.
///
/// One struct with an extensible ``Code`` instead of a class per error: RFC 6750, RFC 7009 and
/// custom grants add codes with `static let`. Build errors through the factories
/// (`.invalidGrant("code already used")`) and render them with ``response()``.
///
/// `description` is shown to the client: it is cleaned to the RFC 6749 §5.2 character set when
/// rendered. Internal details (a store that failed) belong in the log, never here.
public struct OAuth2Error: Error, Sendable, Equatable {
    /// An error code (`error` parameter), e.g. `invalid_grant`.
    public struct Code: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Creates a code from its wire value.
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public var description: String { rawValue }

        // RFC 6749 §4.1.2.1, §5.2
        /// `invalid_request`.
        public static let invalidRequest = Code("invalid_request")
        /// `invalid_client`.
        public static let invalidClient = Code("invalid_client")
        /// `invalid_grant`.
        public static let invalidGrant = Code("invalid_grant")
        /// `unauthorized_client`.
        public static let unauthorizedClient = Code("unauthorized_client")
        /// `unsupported_grant_type`.
        public static let unsupportedGrantType = Code("unsupported_grant_type")
        /// `unsupported_response_type`.
        public static let unsupportedResponseType = Code("unsupported_response_type")
        /// `invalid_scope`.
        public static let invalidScope = Code("invalid_scope")
        /// `access_denied`.
        public static let accessDenied = Code("access_denied")
        /// `server_error`.
        public static let serverError = Code("server_error")
        /// `temporarily_unavailable`.
        public static let temporarilyUnavailable = Code("temporarily_unavailable")
        // RFC 6750 §3.1
        /// `invalid_token`.
        public static let invalidToken = Code("invalid_token")
        /// `insufficient_scope`.
        public static let insufficientScope = Code("insufficient_scope")
        // RFC 7009 §2.2.1
        /// `unsupported_token_type`.
        public static let unsupportedTokenType = Code("unsupported_token_type")
        // Authlib: a plain-http request without AUTHLIB_INSECURE_TRANSPORT.
        /// `insecure_transport`.
        public static let insecureTransport = Code("insecure_transport")
        // RFC 7591 §3.2.2
        /// `invalid_redirect_uri`: a redirect URI that cannot be registered.
        public static let invalidRedirectURI = Code("invalid_redirect_uri")
    }

    /// Where an authorization-endpoint error is sent: back to the client's validated redirect URI.
    public struct Redirect: Sendable, Equatable {
        /// The redirect URI, already checked against the client's registered ones.
        public var uri: String
        /// Parameters go in the fragment (implicit grant) rather than the query.
        public var useFragment: Bool
        /// The `iss` parameter (RFC 9207), when the server has an issuer.
        public var issuer: String?
        /// 302 after a GET, 303 after a POST.
        public var status: Int

        /// Creates a redirect target.
        public init(uri: String, useFragment: Bool = false, issuer: String? = nil, status: Int = 302) {
            self.uri = uri
            self.useFragment = useFragment
            self.issuer = issuer
            self.status = status
        }
    }

    /// The `WWW-Authenticate` challenge that accompanies a 401/403.
    public enum Challenge: Sendable, Equatable {
        /// `Basic realm="..."`: the client authenticated (or tried to) with HTTP Basic (RFC 6749 §5.2).
        case basic(realm: String)
        /// `Bearer realm="...", error="...", scope="..."` (RFC 6750 §3).
        case bearer(realm: String?, scope: String?)
    }

    /// The `error` code.
    public var code: Code
    /// Human-readable `error_description` (client-visible).
    public var description: String?
    /// `error_uri`: a page documenting the error.
    public var uri: String?
    /// The client's `state`, echoed back.
    public var state: String?
    /// The HTTP status of the JSON rendering.
    public var status: Int
    /// Set once the client and redirect URI are validated: the error is then a redirect.
    public var redirect: Redirect?
    /// The `WWW-Authenticate` challenge, if any.
    public var challenge: Challenge?
    /// Seconds the client should wait before trying again, sent as `Retry-After` (throttling: 429).
    public var retryAfter: Int?

    /// Creates an error.
    public init(
        _ code: Code,
        description: String? = nil,
        uri: String? = nil,
        state: String? = nil,
        status: Int = 400,
        redirect: Redirect? = nil,
        challenge: Challenge? = nil
    ) {
        self.code = code
        self.description = description
        self.uri = uri
        self.state = state
        self.status = status
        self.redirect = redirect
        self.challenge = challenge
    }
}

// MARK: - Factories

extension OAuth2Error {
    /// `invalid_request` (400): a missing, repeated or malformed parameter.
    public static func invalidRequest(_ description: String? = nil) -> OAuth2Error {
        OAuth2Error(.invalidRequest, description: description)
    }

    /// `invalid_client` (401): client authentication failed (RFC 6749 §5.2).
    ///
    /// - Parameters:
    ///   - description: the `error_description`.
    ///   - usedAuthorizationHeader: adds `WWW-Authenticate: Basic` as RFC 6749 §5.2 requires.
    ///   - realm: the realm of that challenge.
    public static func invalidClient(
        _ description: String? = nil,
        usedAuthorizationHeader: Bool = false,
        realm: String = "OAuth2"
    ) -> OAuth2Error {
        OAuth2Error(
            .invalidClient,
            description: description,
            status: 401,
            challenge: usedAuthorizationHeader ? .basic(realm: realm) : nil
        )
    }

    /// `temporarily_unavailable` with status 429 and `Retry-After`: too many failed guesses (passwords,
    /// user codes) from this client address or for this account. The answer is the same whether the
    /// next guess is right or not (RFC 6749 §4.3.2, §10.10; RFC 8628 §5.1).
    public static func throttled(retryAfter seconds: Int) -> OAuth2Error {
        var error = OAuth2Error(
            .temporarilyUnavailable,
            description: "Too many failed attempts; try again later.",
            status: 429
        )
        error.retryAfter = max(1, seconds)
        return error
    }

    /// `invalid_grant` (400): a bad, expired, revoked or reused code or refresh token.
    public static func invalidGrant(_ description: String? = nil) -> OAuth2Error {
        OAuth2Error(.invalidGrant, description: description)
    }

    /// `unauthorized_client` (400): the client may not use this grant or response type.
    public static func unauthorizedClient(_ description: String? = nil) -> OAuth2Error {
        OAuth2Error(.unauthorizedClient, description: description)
    }

    /// `unsupported_grant_type` (400).
    public static func unsupportedGrantType(_ description: String? = nil) -> OAuth2Error {
        OAuth2Error(.unsupportedGrantType, description: description)
    }

    /// `unsupported_response_type` (400).
    public static func unsupportedResponseType(_ description: String? = nil) -> OAuth2Error {
        OAuth2Error(.unsupportedResponseType, description: description)
    }

    /// `invalid_scope` (400).
    public static func invalidScope(_ description: String? = nil) -> OAuth2Error {
        OAuth2Error(.invalidScope, description: description)
    }

    /// `access_denied` (403 when rendered as JSON; normally a redirect).
    public static func accessDenied(_ description: String? = nil) -> OAuth2Error {
        OAuth2Error(.accessDenied, description: description, status: 403)
    }

    /// `server_error` (500): a hook failed. Details go to the log, not to the client.
    public static func serverError(_ description: String? = nil) -> OAuth2Error {
        OAuth2Error(.serverError, description: description, status: 500)
    }

    /// `temporarily_unavailable` (503): the server cannot answer now, for instance because its
    /// database is down; the client may retry later (RFC 6749 §4.1.2.1 defines the code for the
    /// authorization endpoint; Gatehouse uses it with 503 wherever a hook's store is unreachable).
    public static func temporarilyUnavailable(
        _ description: String? = "The service is temporarily unavailable; try again later."
    ) -> OAuth2Error {
        OAuth2Error(.temporarilyUnavailable, description: description, status: 503)
    }

    /// `insecure_transport` (400): the request did not use https.
    public static func insecureTransport() -> OAuth2Error {
        OAuth2Error(.insecureTransport, description: "OAuth 2 MUST utilize https.")
    }

    /// `invalid_token` (401) with `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750 §3.1).
    public static func invalidToken(_ description: String? = nil, realm: String? = nil) -> OAuth2Error {
        OAuth2Error(.invalidToken, description: description, status: 401, challenge: .bearer(realm: realm, scope: nil))
    }

    /// `insufficient_scope` (403) with `WWW-Authenticate: Bearer error="insufficient_scope"` (RFC 6750 §3.1).
    public static func insufficientScope(
        _ description: String? = nil,
        requiredScope: String? = nil,
        realm: String? = nil
    ) -> OAuth2Error {
        OAuth2Error(
            .insufficientScope,
            description: description,
            status: 403,
            challenge: .bearer(realm: realm, scope: requiredScope)
        )
    }

    /// `unsupported_token_type` (400, RFC 7009 §2.2.1).
    public static func unsupportedTokenType(_ description: String? = nil) -> OAuth2Error {
        OAuth2Error(.unsupportedTokenType, description: description)
    }

    /// A copy of this error that redirects to a validated redirect URI.
    public func redirecting(to redirect: Redirect, state: String?) -> OAuth2Error {
        var copy = self
        copy.redirect = redirect
        copy.state = state
        return copy
    }
}
