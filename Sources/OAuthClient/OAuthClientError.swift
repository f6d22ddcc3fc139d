public import OAuth2

/// Why an OAuth client operation failed: the provider answered with an OAuth error, could not be
/// reached, answered something unreadable, or a callback did not match the flow that started it.
///
/// A struct with an extensible ``Code`` (STYLE.md §5), so new failure kinds do not break callers.
/// When the provider itself named the error (RFC 6749 §5.2, §4.1.2.1, RFC 7009 §2.2.1, RFC 5849
/// error bodies), ``code`` is ``Code/providerError`` and ``error``, ``errorDescription`` and
/// ``errorURI`` carry its words; ``status`` is the HTTP status when there was a response.
///
/// ```swift
/// do {
///     let token = try await session.fetchToken(code: code, redirectURI: redirectURI, codeVerifier: verifier)
/// } catch let error where error.oauthError == .invalidGrant {
///     // the code was used or expired: start again
/// }
/// ```
public struct OAuthClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure; extensible string values.
    public struct Code: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
        /// The code's string.
        public let rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Creates a code.
        public init(_ rawValue: String) { self.rawValue = rawValue }
        /// Creates a code from a literal.
        public init(stringLiteral value: String) { self.rawValue = value }
        /// The code's string.
        public var description: String { rawValue }

        /// The provider answered with an OAuth `error` (token, revocation or authorization callback).
        public static let providerError = Code("provider_error")
        /// The provider could not be reached (connection refused, DNS, TLS, timeout).
        public static let connectionFailed = Code("connection_failed")
        /// The provider answered with a body that is not the expected JSON or form document.
        public static let malformedResponse = Code("malformed_response")
        /// The provider answered with an HTTP error status and no OAuth error body.
        public static let unexpectedStatus = Code("unexpected_status")
        /// The callback's `state` is missing or differs from the one sent (RFC 6749 §10.12).
        public static let stateMismatch = Code("state_mismatch")
        /// The callback's `iss` differs from the expected issuer (RFC 9207 §2.4).
        public static let issuerMismatch = Code("issuer_mismatch")
        /// A callback or response lacks a required parameter (`code`, `oauth_verifier`, ...).
        public static let missingParameter = Code("missing_parameter")
        /// The session has no token for the operation (no access token, no refresh token).
        public static let missingToken = Code("missing_token")
        /// The session is not configured for the operation (no endpoint URL, a bad URL or key).
        public static let invalidConfiguration = Code("invalid_configuration")
        /// An OAuth 1 signature could not be computed (unknown method, unusable RSA key).
        public static let signatureFailed = Code("signature_failed")
        /// A compliance hook or the `updateToken` callback threw.
        public static let hookFailed = Code("hook_failed")
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong, for logs; never shown to end users as is.
    public var message: String
    /// The provider's `error` value (`invalid_grant`, `access_denied`, ...), when it named one.
    public var error: String?
    /// The provider's `error_description`, when given.
    public var errorDescription: String?
    /// The provider's `error_uri`, when given.
    public var errorURI: String?
    /// The HTTP status of the provider's answer, when there was one.
    public var status: Int?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: the kind of failure.
    ///   - message: what went wrong, for logs.
    ///   - error: the provider's `error` value.
    ///   - errorDescription: the provider's `error_description`.
    ///   - errorURI: the provider's `error_uri`.
    ///   - status: the HTTP status of the answer.
    public init(
        _ code: Code,
        message: String,
        error: String? = nil,
        errorDescription: String? = nil,
        errorURI: String? = nil,
        status: Int? = nil
    ) {
        self.code = code
        self.message = message
        self.error = error
        self.errorDescription = errorDescription
        self.errorURI = errorURI
        self.status = status
    }

    /// The provider's `error` as the OAuth 2 vocabulary type, so callers can match
    /// `.invalidGrant`, `.invalidClient`, `.accessDenied` (RFC 6749 §5.2, §4.1.2.1).
    public var oauthError: OAuth2Error.Code? { error.map { OAuth2Error.Code($0) } }

    /// A one-line summary: code, provider error and description, status.
    public var description: String {
        var text = "OAuthClientError(\(code.rawValue)): \(message)"
        if let error { text += " [error=\(error)" + (errorDescription.map { ", description=\($0)" } ?? "") + "]" }
        if let status { text += " (HTTP \(status))" }
        return text
    }

    /// An error the provider named in an OAuth error document.
    static func provider(
        _ fields: [String: String],
        status: Int?,
        context: String
    ) -> OAuthClientError {
        let error = fields["error"] ?? "unknown_error"
        return OAuthClientError(
            .providerError,
            message: "\(context): the provider answered \"\(error)\"",
            error: error,
            errorDescription: fields["error_description"],
            errorURI: fields["error_uri"],
            status: status
        )
    }
}
