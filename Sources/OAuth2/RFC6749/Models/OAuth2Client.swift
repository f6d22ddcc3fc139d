import GatehouseCommon

/// A registered client application (Authlib's `ClientMixin`).
///
/// Stores conform their client model; the security checks (exact redirect URI matching,
/// constant-time secret comparison) live in the extension so every store inherits them.
///
/// ```swift
/// struct Client: OAuth2Client {
///     let clientID: String
///     let clientSecret: String?
///     let redirectURIs: [String]
///     let scope: String
///     let grantTypes: Set<GrantType>
///     let responseTypes: Set<ResponseType>
///     let tokenEndpointAuthMethod: ClientAuthMethod
/// }
/// ```
public protocol OAuth2Client: Sendable {
    /// The `client_id`. **Required.**
    var clientID: String { get }

    /// The client secret in clear, or `nil` for a public client or a store that keeps hashes
    /// (override ``checkClientSecret(_:)`` then). **Required.**
    var clientSecret: String? { get }

    /// The registered redirect URIs (RFC 6749 §3.1.2.2). **Required.**
    var redirectURIs: [String] { get }

    /// The scopes the client may request, space-delimited (RFC 6749 §3.3). **Required.**
    var scope: String { get }

    /// The grant types the client may use. **Required.**
    var grantTypes: Set<GrantType> { get }

    /// The response types the client may use at the authorization endpoint. **Required.**
    var responseTypes: Set<ResponseType> { get }

    /// The one authentication method the client uses at the token endpoint. **Required.**
    var tokenEndpointAuthMethod: ClientAuthMethod { get }

    /// The redirect URI used when a request omits `redirect_uri`.
    ///
    /// **Default:** the registered URI when exactly one is registered (RFC 6749 §3.1.2.3), else `nil`.
    var defaultRedirectURI: String? { get }

    /// Whether the client is public, i.e. cannot keep a secret (RFC 6749 §2.1).
    ///
    /// **Default:** `tokenEndpointAuthMethod == .none`.
    var isPublic: Bool { get }

    /// Checks a presented secret.
    ///
    /// **Default:** compares with ``clientSecret`` in constant time; `false` without a secret.
    /// Override for hashed secrets, and keep the comparison constant-time.
    func checkClientSecret(_ secret: String) -> Bool

    /// The subset of a requested scope the client may receive (Authlib's `get_allowed_scope`).
    ///
    /// **Default:** the requested tokens that appear in ``scope``, in request order; `nil`
    /// when nothing remains.
    func allowedScope(for requested: String?) -> String?
}

extension OAuth2Client {
    public var defaultRedirectURI: String? {
        redirectURIs.count == 1 ? redirectURIs.first : nil
    }

    public var isPublic: Bool { tokenEndpointAuthMethod == .none }

    public func checkClientSecret(_ secret: String) -> Bool {
        guard let clientSecret, !clientSecret.isEmpty else { return false }
        return ConstantTimeComparison.isEqual(clientSecret, secret)
    }

    public func allowedScope(for requested: String?) -> String? {
        Scope.join(Scope.intersection(Scope.list(requested), allowed: Scope.list(scope)))
    }

    /// Whether `redirectURI` is one of ``redirectURIs``: exact string match (RFC 9700 §4.1.3),
    /// except that the port of a loopback IP redirect URI may vary (RFC 8252 §7.3).
    ///
    /// Not a requirement: a store cannot weaken it.
    public func checkRedirectURI(_ redirectURI: String) -> Bool {
        redirectURIs.contains { registered in
            registered == redirectURI || LoopbackRedirectURI.matches(registered: registered, requested: redirectURI)
        }
    }

    /// Whether the client may use `grantType`.
    public func checkGrantType(_ grantType: GrantType) -> Bool {
        grantTypes.contains(grantType)
    }

    /// Whether the client may use `responseType`.
    public func checkResponseType(_ responseType: ResponseType) -> Bool {
        responseTypes.contains(responseType)
    }

    /// Whether the client registered `method` for the token endpoint.
    public func checkEndpointAuthMethod(_ method: ClientAuthMethod) -> Bool {
        tokenEndpointAuthMethod == method
    }
}

/// RFC 8252 §7.3: for a loopback IP literal redirect URI the port is chosen at run time.
enum LoopbackRedirectURI {
    private struct Parts: Equatable {
        var scheme: Substring
        var host: Substring
        var rest: Substring
    }

    static func matches(registered: String, requested: String) -> Bool {
        guard let lhs = parts(registered), let rhs = parts(requested),
            lhs.scheme == "http", lhs.host == "127.0.0.1" || lhs.host == "[::1]"
        else { return false }
        return lhs == rhs
    }

    /// Splits `scheme://host[:port]rest`, dropping the port. No user info is allowed.
    private static func parts(_ uri: String) -> Parts? {
        guard let separator = uri.firstRange(of: "://") else { return nil }
        let scheme = uri[..<separator.lowerBound]
        let afterScheme = uri[separator.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        guard !authority.contains("@") else { return nil }
        let host: Substring
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[...close]
            let tail = authority[authority.index(after: close)...]
            guard tail.isEmpty || (tail.hasPrefix(":") && tail.dropFirst().allSatisfy(\.isNumber)) else { return nil }
        } else {
            let pieces = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            host = pieces.first ?? ""
            if pieces.count == 2, !pieces[1].allSatisfy(\.isNumber) { return nil }
        }
        return Parts(scheme: scheme, host: host, rest: afterScheme[authorityEnd...])
    }
}
