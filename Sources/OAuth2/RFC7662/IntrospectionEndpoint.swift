import FoundationEssentials
import GatehouseCommon

/// The token introspection endpoint (RFC 7662): implement ``queryToken(_:hint:)``.
///
/// The caller authenticates as a client. Unknown, expired or revoked tokens, and tokens the
/// caller may not see (``checkPermission(_:client:request:)``), answer `{"active": false}`
/// (RFC 7662 §2.2).
///
/// The flow is the core's and final: ``AuthorizationServer/registerEndpoint(_:)`` serves
/// ``endpointName`` with it, calling these hooks; a conformer cannot replace its checks (client
/// authentication, revocation, expiry, permission), whatever else it declares.
///
/// ```swift
/// struct Introspection: IntrospectionEndpoint {
///     let store: Store
///     func queryToken(_ token: String, hint: TokenTypeHint?) async throws -> (any OAuth2Token)? {
///         try await store.token(matching: token, hint: hint)
///     }
/// }
/// server.registerEndpoint(Introspection(store: store))
/// ```
public protocol IntrospectionEndpoint: RegistrableEndpoint {
    /// Finds the token record whose access or refresh token is `token`. **Required.**
    func queryToken(_ token: String, hint: TokenTypeHint?) async throws -> (any OAuth2Token)?

    /// The members describing an active token (RFC 7662 §2.2).
    ///
    /// **Default:** `client_id`, `token_type`, `scope`, `sub`, `iat`, `exp`.
    func introspectToken(_ token: any OAuth2Token) async throws -> [String: JSONValue]

    /// Whether `client` may introspect `token`.
    ///
    /// **Default:** only the client the token was issued to. Override for resource servers
    /// that introspect tokens of other clients.
    func checkPermission(_ token: any OAuth2Token, client: any OAuth2Client, request: OAuth2Request) async throws -> Bool
}

extension IntrospectionEndpoint {
    /// The name the endpoint is served under (``AuthorizationServer/createEndpointResponse(_:_:)``).
    public static var endpointName: String { "introspection" }

    public func introspectToken(_ token: any OAuth2Token) async throws -> [String: JSONValue] {
        var object: [String: JSONValue] = [
            "client_id": .string(token.clientID),
            "token_type": .string(token.tokenType),
            "iat": .int(Int(token.issuedAt.timeIntervalSince1970)),
        ]
        if let scope = token.scope { object["scope"] = .string(scope) }
        if let userID = token.userID { object["sub"] = .string(userID) }
        if let expiresAt = token.expiresAt { object["exp"] = .int(Int(expiresAt.timeIntervalSince1970)) }
        return object
    }

    public func checkPermission(_ token: any OAuth2Token, client: any OAuth2Client, request: OAuth2Request) async throws -> Bool {
        token.clientID == client.clientID
    }
}

// The flow, run by ``IntrospectionFlow`` only: internal, not a requirement, so statically
// dispatched; a conformer's method of the same name is never called instead.
extension IntrospectionEndpoint {
    /// RFC 7662 §2.1–2.2: authenticates the caller and describes the token.
    func createEndpointResponse(_ request: OAuth2Request, server: AuthorizationServer) async throws(OAuth2Error) -> OAuth2Response {
        let client = try await server.authenticateClient(request, methods: IntrospectionFlow<Self>.clientAuthMethods)
        guard let tokenString = request.form["token"], !tokenString.isEmpty else {
            throw .invalidRequest("Missing token.")
        }
        let hint = request.form["token_type_hint"].flatMap(TokenTypeHint.init(rawValue:))
        let found = try await server.callHook("queryToken") { try await queryToken(tokenString, hint: hint) }
        guard let token = found, !token.isRevoked else { return Self.inactive }
        let isRefreshToken = token.refreshToken.map { ConstantTimeComparison.isEqual($0, tokenString) } ?? false
        let now = server.clock.now
        if isRefreshToken ? token.isRefreshTokenExpired(at: now) : token.isExpired(at: now) { return Self.inactive }
        let allowed = try await server.callHook("checkPermission") {
            try await checkPermission(token, client: client, request: request)
        }
        guard allowed else { return Self.inactive }
        var object = try await server.callHook("introspectToken") { try await introspectToken(token) }
        if isRefreshToken {
            // Describe the refresh token, not its access token: a resource server must not take
            // it for one (the access token's `exp` and `Bearer` type would say otherwise).
            object["token_type"] = .string("refresh_token")
            object["exp"] = nil
        }
        object["active"] = true
        if object["iss"] == nil, let issuer = server.configuration.issuer { object["iss"] = .string(issuer) }
        return .json(object, noStore: true)
    }

    private static var inactive: OAuth2Response { .json(["active": false], noStore: true) }
}
