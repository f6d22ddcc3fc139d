/// What ``AuthorizationServer/registerEndpoint(_:)`` accepts (a marker, as ``OAuth2Grant`` is for grants).
///
/// Conform to ``RevocationEndpoint`` (RFC 7009) or ``IntrospectionEndpoint`` (RFC 7662) to implement
/// the hooks of a built-in endpoint: the server serves it with the core's own flow. Conform to
/// ``OAuth2Endpoint`` for a custom endpoint whose flow is yours.
public protocol RegistrableEndpoint: Sendable {}
