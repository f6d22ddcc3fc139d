import FoundationEssentials
import GatehouseCommon

/// The token revocation endpoint (RFC 7009): implement the lookup and revocation hooks.
///
/// The client authenticates; a token issued to another client, an unknown token or an unknown
/// `token_type_hint` changes nothing and still answers 200 (RFC 7009 §2.2). Revoking a refresh
/// token also revokes the access tokens of its grant (RFC 7009 §2.1).
///
/// The flow is the core's and final: ``AuthorizationServer/registerEndpoint(_:)`` serves
/// ``endpointName`` with it, calling these hooks; a conformer cannot replace its checks (client
/// authentication, the token's client), whatever else it declares.
///
/// ```swift
/// struct Revocation: RevocationEndpoint {
///     let store: Store
///     func queryToken(_ token: String, hint: TokenTypeHint?) async throws -> (any OAuth2Token)? {
///         try await store.token(matching: token, hint: hint)
///     }
///     func revokeToken(_ token: any OAuth2Token) async throws { try await store.revoke(token) }
///     func revokeTokens(grantID: String) async throws { try await store.revokeFamily(grantID) }
/// }
/// server.registerEndpoint(Revocation(store: store))
/// let response = await server.createEndpointResponse(Revocation.endpointName, request)
/// ```
public protocol RevocationEndpoint: RegistrableEndpoint {
    /// Finds the token record whose access or refresh token is `token`. **Required.**
    ///
    /// - Parameters:
    ///   - token: the `token` parameter of the request.
    ///   - hint: where to look first; `nil` when absent or unknown.
    func queryToken(_ token: String, hint: TokenTypeHint?) async throws -> (any OAuth2Token)?

    /// Marks one token record revoked. **Required.**
    func revokeToken(_ token: any OAuth2Token) async throws

    /// Revokes every token of a family. **Required.**
    func revokeTokens(grantID: String) async throws
}

extension RevocationEndpoint {
    /// The name the endpoint is served under (``AuthorizationServer/createEndpointResponse(_:_:)``).
    public static var endpointName: String { "revocation" }
}

// The flow, run by ``RevocationFlow`` only: internal, not a requirement, so statically dispatched;
// a conformer's method of the same name is never called instead.
extension RevocationEndpoint {
    /// RFC 7009 §2.1–2.2: authenticates the client, revokes the token, answers 200 with an empty body.
    func createEndpointResponse(_ request: OAuth2Request, server: AuthorizationServer) async throws(OAuth2Error) -> OAuth2Response {
        let client = try await server.authenticateClient(request, methods: RevocationFlow<Self>.clientAuthMethods)
        guard let tokenString = request.form["token"], !tokenString.isEmpty else {
            throw .invalidRequest("Missing token.")
        }
        let hint = request.form["token_type_hint"].flatMap(TokenTypeHint.init(rawValue:))
        let found = try await server.callHook("queryToken") { try await queryToken(tokenString, hint: hint) }
        if let token = found, token.clientID == client.clientID {
            if !token.isRevoked {
                try await server.callHook("revokeToken") { try await revokeToken(token) }
                await server.emit(.tokenRevoked(token: token))
            }
            if let refreshToken = token.refreshToken, ConstantTimeComparison.isEqual(refreshToken, tokenString) {
                let grantID = token.grantID ?? token.accessToken
                try await server.callHook("revokeTokens") { try await revokeTokens(grantID: grantID) }
                await server.emit(.grantRevoked(grantID: grantID, reason: "refresh token revoked"))
            }
        }
        return OAuth2Response(status: 200, headerFields: OAuth2Response.noStoreHeaders)
    }
}
