/// An OAuth 1.0 protocol error: what went wrong, the HTTP status it maps to and a client-visible description.
///
/// RFC 5849 §3.2 fixes only the statuses (400 for an unsupported or missing parameter, a duplicated
/// protocol parameter or an unsupported signature method; 401 for an invalid client, token,
/// signature or nonce). It names no error codes, so the codes are Authlib's (`authlib/oauth1/rfc5849/errors.py`,
/// after OAuth Core 1.0a §10), plus `invalid_timestamp` and `invalid_verifier` so that a client can tell
/// those 401s apart.
///
/// Errors are values: the server never throws them at the HTTP layer, it renders them with
/// ``response(realm:format:)``.
///
/// ```swift
/// throw OAuth1Error.invalidSignature()
/// let response = error.response(realm: "Photos")   // 401, WWW-Authenticate: OAuth realm="Photos"
/// ```
public struct OAuth1Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error code sent in the `error` field. Extensible: an application may add its own.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
        public let rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }
        /// Creates a code from its wire string.
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }

        public var description: String { rawValue }

        /// A malformed request: bad encoding, a bad Authorization header, a malformed value (400).
        public static let invalidRequest = Code("invalid_request")
        /// A parameter the server does not accept, such as `oauth_version` other than `1.0` (400).
        public static let unsupportedParameter = Code("unsupported_parameter")
        /// An `oauth_signature_method` this server does not accept (400).
        public static let unsupportedSignatureMethod = Code("unsupported_signature_method")
        /// A required protocol parameter is absent (400).
        public static let missingRequiredParameter = Code("missing_required_parameter")
        /// A protocol parameter is given twice, or in more than one location (400).
        public static let duplicatedOAuthProtocolParameter = Code("duplicated_oauth_protocol_parameter")
        /// The client credentials are unknown (401).
        public static let invalidClient = Code("invalid_client")
        /// The token is unknown, expired or belongs to another client (401).
        public static let invalidToken = Code("invalid_token")
        /// The signature does not verify (401).
        public static let invalidSignature = Code("invalid_signature")
        /// The nonce was already used with this timestamp, client and token (401).
        public static let invalidNonce = Code("invalid_nonce")
        /// The timestamp lies outside the server's window (401).
        public static let invalidTimestamp = Code("invalid_timestamp")
        /// The verifier does not match the temporary credential (401).
        public static let invalidVerifier = Code("invalid_verifier")
        /// The resource owner denied the authorization (403).
        public static let accessDenied = Code("access_denied")
        /// The endpoint does not accept this HTTP method (405).
        public static let methodNotAllowed = Code("method_not_allowed")
        /// The request did not use TLS where TLS is required (400).
        public static let insecureTransport = Code("insecure_transport")
        /// An underlying failure, such as a store error; details go to the log only (500).
        public static let serverError = Code("server_error")
        /// The server cannot answer now, say because its database is down; retry later (503).
        public static let temporarilyUnavailable = Code("temporarily_unavailable")
    }

    /// The error code.
    public var code: Code
    /// A human-readable explanation sent to the client as `error_description`.
    public var errorDescription: String?
    /// A page documenting the error, sent as `error_uri`.
    public var uri: String?
    /// The HTTP status of the rendered response.
    public var status: Int
    /// Seconds the client should wait before trying again, sent as `Retry-After` (throttling: 429).
    public var retryAfter: Int?

    /// Creates an error; `status` defaults to the code's status (see ``defaultStatus(for:)``).
    ///
    /// - Parameters:
    ///   - code: the `error` value.
    ///   - description: the client-visible `error_description`.
    ///   - uri: the `error_uri`.
    ///   - status: the HTTP status, when it must differ from the code's usual one.
    public init(_ code: Code, description: String? = nil, uri: String? = nil, status: Int? = nil) {
        self.code = code
        self.errorDescription = description
        self.uri = uri
        self.status = status ?? Self.defaultStatus(for: code)
    }

    /// The status RFC 5849 §3.2 (or HTTP) gives a code: 401 for credential and signature failures,
    /// 403 for a denial, 405, 500, 503, and 400 for everything else.
    public static func defaultStatus(for code: Code) -> Int {
        switch code {
        case .invalidClient, .invalidToken, .invalidSignature, .invalidNonce, .invalidTimestamp, .invalidVerifier:
            401
        case .accessDenied: 403
        case .methodNotAllowed: 405
        case .serverError: 500
        case .temporarilyUnavailable: 503
        default: 400
        }
    }

    public var description: String {
        errorDescription.map { "\(code.rawValue): \($0)" } ?? code.rawValue
    }
}

extension OAuth1Error {
    /// `invalid_request` (400): a malformed request.
    public static func invalidRequest(_ description: String? = nil) -> OAuth1Error {
        OAuth1Error(.invalidRequest, description: description)
    }

    /// `missing_required_parameter` (400) naming the absent parameter (RFC 5849 §3.2).
    public static func missingParameter(_ name: String) -> OAuth1Error {
        OAuth1Error(.missingRequiredParameter, description: "missing \"\(name)\" in parameters")
    }

    /// `duplicated_oauth_protocol_parameter` (400): RFC 5849 §3.2 / §3.5.
    public static func duplicatedParameter(_ description: String) -> OAuth1Error {
        OAuth1Error(.duplicatedOAuthProtocolParameter, description: description)
    }

    /// `unsupported_parameter` (400).
    public static func unsupportedParameter(_ description: String) -> OAuth1Error {
        OAuth1Error(.unsupportedParameter, description: description)
    }

    /// `unsupported_signature_method` (400): RFC 5849 §3.2.
    public static func unsupportedSignatureMethod(_ method: String? = nil) -> OAuth1Error {
        OAuth1Error(
            .unsupportedSignatureMethod,
            description: method.map { "signature method \"\($0)\" is not supported" }
        )
    }

    /// `invalid_client` (401): unknown client credentials (RFC 5849 §3.2).
    public static func invalidClient(_ description: String? = "invalid client credentials") -> OAuth1Error {
        OAuth1Error(.invalidClient, description: description)
    }

    /// `invalid_token` (401): unknown, expired or foreign token (RFC 5849 §3.2).
    public static func invalidToken(
        _ description: String? = "invalid or expired \"oauth_token\" in parameters"
    )
        -> OAuth1Error
    {
        OAuth1Error(.invalidToken, description: description)
    }

    /// `invalid_signature` (401): RFC 5849 §3.2.
    public static func invalidSignature(_ description: String? = "the signature does not verify") -> OAuth1Error {
        OAuth1Error(.invalidSignature, description: description)
    }

    /// `invalid_nonce` (401): a replayed nonce (RFC 5849 §3.3).
    public static func invalidNonce(_ description: String? = "the nonce was already used") -> OAuth1Error {
        OAuth1Error(.invalidNonce, description: description)
    }

    /// `invalid_timestamp` (401): a timestamp outside the server's window (RFC 5849 §3.3).
    public static func invalidTimestamp(
        _ description: String? = "\"oauth_timestamp\" is outside the accepted window"
    )
        -> OAuth1Error
    {
        OAuth1Error(.invalidTimestamp, description: description)
    }

    /// `invalid_token` (401) for a temporary credential that a resource owner already authorized: it
    /// is authorized at most once, so nobody can take it over for another account (RFC 5849 §2.2).
    public static func alreadyAuthorized() -> OAuth1Error {
        .invalidToken("the temporary credential was already authorized")
    }

    /// `temporarily_unavailable` with status 429 and `Retry-After`: too many failed attempts from this
    /// client address or for this account; the answer is the same whether the next guess is right or not.
    public static func throttled(retryAfter seconds: Int) -> OAuth1Error {
        var error = OAuth1Error(
            .temporarilyUnavailable,
            description: "too many failed attempts; try again later",
            status: 429
        )
        error.retryAfter = max(1, seconds)
        return error
    }

    /// `invalid_verifier` (401): the verifier does not match (RFC 5849 §2.3).
    public static func invalidVerifier(_ description: String? = "invalid \"oauth_verifier\"") -> OAuth1Error {
        OAuth1Error(.invalidVerifier, description: description)
    }

    /// `access_denied` (403): the resource owner refused (RFC 5849 §2.2).
    public static func accessDenied(
        _ description: String? = "the resource owner or authorization server denied the request"
    ) -> OAuth1Error {
        OAuth1Error(.accessDenied, description: description)
    }

    /// `method_not_allowed` (405).
    public static func methodNotAllowed(_ description: String? = nil) -> OAuth1Error {
        OAuth1Error(.methodNotAllowed, description: description)
    }

    /// `insecure_transport` (400): TLS is required (RFC 5849 §2, §3.4.4, §4.2).
    public static func insecureTransport(_ description: String? = "OAuth 1 requests MUST use https") -> OAuth1Error {
        OAuth1Error(.insecureTransport, description: description)
    }

    /// `temporarily_unavailable` (503): a hook's store is unreachable; the client may retry later.
    public static func temporarilyUnavailable(
        _ description: String? = "the service is temporarily unavailable; try again later"
    ) -> OAuth1Error {
        OAuth1Error(.temporarilyUnavailable, description: description)
    }

    /// `server_error` (500): a hook failed; the description stays generic, details go to the log.
    public static func serverError(
        _ description: String? = "the server could not process the request"
    )
        -> OAuth1Error
    {
        OAuth1Error(.serverError, description: description)
    }
}
