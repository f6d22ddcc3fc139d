public import FoundationEssentials
public import OAuth2

/// An OAuth 2 access token as a client keeps it: the fields of a token response (RFC 6749 §5.1)
/// plus ``expiresAt``, the absolute expiry the client computes so that a stored token can be checked
/// later (Authlib's `OAuth2Token`).
///
/// Decoded from the token endpoint's JSON; `Codable` so an application can store it and hand it
/// back (`expires_at` is written, so a reloaded token still knows when it expires).
///
/// ```swift
/// let token = try await session.fetchToken(code: code, redirectURI: redirectURI, codeVerifier: verifier)
/// if token.isExpired() { ... }
/// let idToken = token.extra["id_token"]?.stringValue
/// ```
public struct Token: Sendable, Hashable, Codable {
    /// `access_token`.
    public var accessToken: String
    /// `token_type`, usually `Bearer` (compared case-insensitively, RFC 6749 §7.1).
    public var tokenType: String
    /// `refresh_token`, when issued.
    public var refreshToken: String?
    /// `expires_in`: the lifetime in seconds, as issued.
    public var expiresIn: Int?
    /// When the token expires, in seconds since 1970: the provider's `expires_at`, or the time of
    /// issue plus `expires_in`; `nil` when the provider gave neither (the token does not expire).
    public var expiresAt: Int?
    /// `scope`: the granted scope, when the provider said (RFC 6749 §5.1).
    public var scope: String?
    /// Every other member of the token response (`id_token`, provider-specific fields).
    public var extra: [String: JSONValue]

    /// Creates a token.
    ///
    /// - Parameters:
    ///   - accessToken: `access_token`.
    ///   - tokenType: `token_type`; default `Bearer`.
    ///   - refreshToken: `refresh_token`.
    ///   - expiresIn: `expires_in` in seconds.
    ///   - expiresAt: absolute expiry in seconds since 1970; computed from `expiresIn` and `now` when `nil`.
    ///   - scope: the granted scope.
    ///   - extra: other fields.
    ///   - now: the time of issue, for `expiresAt`.
    public init(
        accessToken: String,
        tokenType: String = "Bearer",
        refreshToken: String? = nil,
        expiresIn: Int? = nil,
        expiresAt: Int? = nil,
        scope: String? = nil,
        extra: [String: JSONValue] = [:],
        now: Date = Date()
    ) {
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.refreshToken = refreshToken
        self.expiresIn = expiresIn
        self.expiresAt = expiresAt ?? expiresIn.map { Int(now.timeIntervalSince1970) + $0 }
        self.scope = scope
        self.extra = extra
    }

    /// Reads a token response object (RFC 6749 §5.1).
    ///
    /// Numbers sent as strings (`"expires_in": "3600"`) or with a fraction are accepted, as some
    /// providers send them so.
    ///
    /// - Parameters:
    ///   - object: the decoded JSON object.
    ///   - now: the time of issue, for ``expiresAt``.
    /// - Throws: ``OAuthClientError`` `malformed_response` when `access_token` is missing or not a string.
    public init(json object: [String: JSONValue], now: Date = Date()) throws(OAuthClientError) {
        guard let accessToken = object["access_token"]?.stringValue, !accessToken.isEmpty else {
            throw OAuthClientError(.malformedResponse, message: "the token response has no \"access_token\"")
        }
        var extra = object
        for key in Self.knownKeys { extra[key] = nil }
        self.init(
            accessToken: accessToken,
            tokenType: object["token_type"]?.stringValue ?? "Bearer",
            refreshToken: object["refresh_token"]?.stringValue,
            expiresIn: object["expires_in"].flatMap(Self.integer),
            expiresAt: object["expires_at"].flatMap(Self.integer),
            scope: object["scope"]?.stringValue,
            extra: extra,
            now: now
        )
    }

    /// The token as a JSON object, `expires_at` included: what ``init(json:now:)`` reads back.
    public var json: [String: JSONValue] {
        var object = extra
        object["access_token"] = .string(accessToken)
        object["token_type"] = .string(tokenType)
        if let refreshToken { object["refresh_token"] = .string(refreshToken) }
        if let expiresIn { object["expires_in"] = .int(expiresIn) }
        if let expiresAt { object["expires_at"] = .int(expiresAt) }
        if let scope { object["scope"] = .string(scope) }
        return object
    }

    /// Whether the token has expired, or will within `leeway` seconds (Authlib's `is_expired`).
    ///
    /// - Parameters:
    ///   - leeway: seconds before the actual expiry at which the token already counts as expired.
    ///   - now: the current time.
    /// - Returns: `false` for a token without an expiry.
    public func isExpired(leeway: Int = 60, now: Date = Date()) -> Bool {
        guard let expiresAt else { return false }
        return Double(expiresAt - leeway) <= now.timeIntervalSince1970
    }

    /// Whether ``tokenType`` is `Bearer`, compared case-insensitively.
    public var isBearer: Bool { tokenType.lowercased() == "bearer" }

    public init(from decoder: any Decoder) throws {
        let object = try [String: JSONValue](from: decoder)
        do { try self.init(json: object) } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.message)
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }

    static let knownKeys = ["access_token", "token_type", "refresh_token", "expires_in", "expires_at", "scope"]

    /// A numeric member as an integer. Values of 10^15 or more in size are ignored like non-numbers:
    /// the provider's `expires_in`/`expires_at` are added to and subtracted from, which must not
    /// overflow (`"expires_in": "9223372036854775807"` trapped; found by the FuzzTokenResponse fuzzer).
    static func integer(_ value: JSONValue) -> Int? {
        let number: Int? =
            switch value {
            case .int(let number): number
            case .double(let number) where number.isFinite && abs(number) < 1e15: Int(number)
            case .string(let text): Int(text) ?? Double(text).flatMap { $0.isFinite && abs($0) < 1e15 ? Int($0) : nil }
            default: nil
            }
        return number.flatMap { $0.magnitude < 1_000_000_000_000_000 ? $0 : nil }
    }
}
