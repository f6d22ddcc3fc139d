/// An event the authorization server or resource protector reports to its observers
/// (Authlib's `client_authenticated`, `token_authenticated`, `token_revoked` signals).
///
/// Observers audit or count; they cannot change the outcome. Register one with
/// ``AuthorizationServer/addObserver(_:)`` or ``ResourceProtector/addObserver(_:)``.
///
/// ```swift
/// server.addObserver { signal in
///     if case .tokenIssued(let token, let request) = signal { metrics.count(request.grantType) }
/// }
/// ```
public enum OAuth2Signal: Sendable {
    /// A client authenticated at the token, revocation or introspection endpoint.
    case clientAuthenticated(client: any OAuth2Client, method: ClientAuthMethod)
    /// A token was issued and saved.
    case tokenIssued(token: IssuedToken, request: GrantRequest)
    /// A bearer token was accepted by a resource protector.
    case tokenAuthenticated(token: any OAuth2Token)
    /// A token was revoked (RFC 7009, or rotation of a refresh token).
    case tokenRevoked(token: any OAuth2Token)
    /// A whole token family was revoked: a reused code or refresh token (RFC 9700 §4.14.2),
    /// or a revoked refresh token (RFC 7009 §2.1).
    case grantRevoked(grantID: String, reason: String)
}

/// An observer of ``OAuth2Signal``s.
public typealias OAuth2SignalObserver = @Sendable (OAuth2Signal) async -> Void
