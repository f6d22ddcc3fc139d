/// A registered OAuth 1 client, as the server knows it (RFC 5849 §1: "client credentials").
///
/// Authlib's `ClientMixin`: the client secret, the RSA public key for RSA-SHA1, and the callbacks
/// it registered. Conform your own model; OAuthStores and OAuthTestSupport ship conformances.
///
/// ```swift
/// struct Client: OAuth1Client {
///     var clientID: String
///     var clientSecret: String
///     var defaultRedirectURI: String? { "https://printer.example.com/ready" }
/// }
/// ```
public protocol OAuth1Client: Sendable {
    /// The client identifier, `oauth_consumer_key`. **Required.**
    var clientID: String { get }

    /// The client shared-secret used by HMAC-SHA1 and PLAINTEXT (RFC 5849 §3.4.2, §3.4.4). **Required.**
    var clientSecret: String { get }

    /// The client's RSA public key in PEM, used to verify RSA-SHA1 (RFC 5849 §3.4.3).
    ///
    /// **Default:** `nil` (the client cannot use RSA-SHA1).
    var rsaPublicKey: String? { get }

    /// The callback used when a temporary credential has none.
    ///
    /// **Default:** `nil`.
    var defaultRedirectURI: String? { get }

    /// Every callback URI the client registered.
    ///
    /// **Default:** ``defaultRedirectURI`` when set, otherwise none.
    var redirectURIs: [String] { get }

    /// Whether `callback`, the `oauth_callback` of a temporary credential request (RFC 5849 §2.1),
    /// may be used.
    ///
    /// **Default:** `oob` is always accepted; any other value must equal one of ``redirectURIs``
    /// exactly. A client that registered no callback can only use `oob`. Override to allow, say,
    /// any path under a registered origin.
    ///
    /// - Parameter callback: the absolute URI (or `oob`) the client sent.
    /// - Returns: whether the server accepts it.
    func checkCallback(_ callback: String) -> Bool
}

extension OAuth1Client {
    public var rsaPublicKey: String? { nil }
    public var defaultRedirectURI: String? { nil }
    public var redirectURIs: [String] { defaultRedirectURI.map { [$0] } ?? [] }

    public func checkCallback(_ callback: String) -> Bool {
        callback == "oob" || redirectURIs.contains(callback)
    }
}
