/// An error thrown by a hook that knows how the client should see it, instead of the default
/// `server_error` (500).
///
/// Why: a hook's failure normally becomes `server_error` with the details logged (RFC 6749 §5.2),
/// but some failures are temporary, such as a database that is down. Answering those with
/// `temporarily_unavailable` and 503 tells clients and load balancers to retry later rather than
/// report a bug. Stores conform their error types (OAuthStores' `StoreError` does).
///
/// ```swift
/// extension MyStoreError: OAuth2ErrorConvertible {
///     var oauth2Error: OAuth2Error? { isTransient ? .temporarilyUnavailable() : nil }
/// }
/// ```
public protocol OAuth2ErrorConvertible: Error {
    /// The error to answer with, or `nil` for the default `server_error`. **Required.**
    var oauth2Error: OAuth2Error? { get }
}
