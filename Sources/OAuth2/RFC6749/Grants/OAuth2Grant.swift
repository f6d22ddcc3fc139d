import GatehouseCommon

/// A grant registered with ``AuthorizationServer/registerGrant(_:extensions:)`` (Authlib's `BaseGrant`).
///
/// For a built-in grant, conform to its hook protocol (``AuthorizationCodeGrant``,
/// ``RefreshTokenGrant``, ``ResourceOwnerPasswordCredentialsGrant``): the server serves it with the
/// core's own flow, which calls the hooks. For a custom grant, conform to ``TokenEndpointGrant``
/// (served by `grant_type`), ``AuthorizationEndpointGrant`` (served by `response_type`) or both, as
/// the seed's `MyCustomGrant` with `TOKEN_ENDPOINT` and `AUTHORIZATION_ENDPOINT`. Grants are
/// stateless values: the request is always a parameter.
public protocol OAuth2Grant: Sendable {}
