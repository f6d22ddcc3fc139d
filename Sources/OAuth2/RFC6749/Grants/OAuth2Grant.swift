import GatehouseCommon

/// A grant registered with ``AuthorizationServer/registerGrant(_:extensions:)`` (Authlib's `BaseGrant`).
///
/// Conform to ``TokenEndpointGrant`` (served by `grant_type`), ``AuthorizationEndpointGrant``
/// (served by `response_type`) or both, as the seed's `MyCustomGrant` with `TOKEN_ENDPOINT` and
/// `AUTHORIZATION_ENDPOINT`. Grants are stateless values: the request is always a parameter.
public protocol OAuth2Grant: Sendable {}
