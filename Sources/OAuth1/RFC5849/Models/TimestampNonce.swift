/// One use of a nonce: RFC 5849 §3.3 requires `oauth_nonce` to be unique across all requests with
/// the same timestamp, client credentials and token.
///
/// Authlib's `TimestampNonce` model; this value is what an `existsNonce` hook checks and records.
public struct TimestampNonce: Sendable, Hashable {
    /// `oauth_nonce`.
    public var nonce: String
    /// `oauth_timestamp`, as sent.
    public var timestamp: String
    /// `oauth_consumer_key`.
    public var clientID: String
    /// `oauth_token`, if the request carried one.
    public var oauthToken: String?

    /// Creates a record.
    public init(nonce: String, timestamp: String, clientID: String, oauthToken: String?) {
        self.nonce = nonce
        self.timestamp = timestamp
        self.clientID = clientID
        self.oauthToken = oauthToken
    }

    /// A cache key unique per (nonce, timestamp, client, token): `prefix` + the four parts, each
    /// length-prefixed so that no two combinations collide.
    public func cacheKey(prefix: String = "nonce:") -> String {
        var key = prefix
        for part in [nonce, timestamp, clientID, oauthToken ?? ""] {
            key += String(part.utf8.count) + ":" + part
        }
        return key
    }
}
