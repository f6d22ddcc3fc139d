/// How many expired rows one ``SQLStore/purgeExpired(now:batchSize:tokenRetention:)`` call deleted.
public struct PurgeReport: Sendable, Hashable {
    /// Expired authorization codes (used or not).
    public var authorizationCodes: Int
    /// Expired OAuth 1 timestamp-nonces.
    public var nonces: Int
    /// Expired `gatehouse_cache` entries (OAuth 1 temporary credentials, sessions, ...).
    public var cacheEntries: Int
    /// OAuth 2 token records whose access and refresh tokens were both dead for the retention period.
    public var tokens: Int
    /// Forgotten failed-attempt counters (``SQLFailureCounter``).
    public var failureCounters: Int = 0

    /// Creates a report.
    public init(authorizationCodes: Int = 0, nonces: Int = 0, cacheEntries: Int = 0, tokens: Int = 0) {
        self.authorizationCodes = authorizationCodes
        self.nonces = nonces
        self.cacheEntries = cacheEntries
        self.tokens = tokens
    }

    /// Every row deleted.
    public var total: Int { authorizationCodes + nonces + cacheEntries + tokens + failureCounters }
}
