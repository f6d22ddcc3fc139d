public import OAuth1
public import OAuth2

/// A database that cannot be reached is a temporary condition, not a bug: the OAuth endpoints and
/// guards answer it with `temporarily_unavailable` and 503 (RFC 9110 §15.6.4) instead of
/// `server_error` and 500, so clients and load balancers retry later. Failed statements stay
/// `server_error`.
extension StoreError: OAuth2ErrorConvertible, OAuth1ErrorConvertible {
    /// `temporarily_unavailable` (503) when the database is unavailable, else `nil` (`server_error`).
    public var oauth2Error: OAuth2Error? {
        isUnavailable ? .temporarilyUnavailable("The database is unavailable; try again later.") : nil
    }

    /// `temporarily_unavailable` (503) when the database is unavailable, else `nil` (`server_error`).
    public var oauth1Error: OAuth1Error? {
        isUnavailable ? .temporarilyUnavailable("the database is unavailable; try again later") : nil
    }
}
