public import FoundationEssentials
import GatehouseCommon
import GatehouseOperations

/// The authorization code grant (RFC 6749 §4.1): implement the code storage hooks.
///
/// The flow is the core's and final: ``AuthorizationServer/registerGrant(_:extensions:)`` serves
/// `response_type=code` and `grant_type=authorization_code` with it, calling these hooks; a
/// conformer cannot replace its checks (client authentication, single use, `redirect_uri`,
/// expiry, the registered extensions such as PKCE), whatever else it declares.
///
/// Codes are single use: redeeming one marks it used (``deleteAuthorizationCode(_:)``), and a
/// second redemption fails with `invalid_grant` and revokes every token issued from it
/// (``revokeTokens(grantID:)``, RFC 6749 §4.1.2). Register ``CodeChallenge`` for PKCE.
///
/// ```swift
/// struct CodeGrant: AuthorizationCodeGrant {
///     let store: Store
///     func saveAuthorizationCode(_ code: String, request: GrantRequest, expiresAt: Date) async throws {
///         try await store.insertCode(code, request: request, expiresAt: expiresAt)
///     }
///     func queryAuthorizationCode(_ code: String, client: any OAuth2Client) async throws -> (any AuthorizationCode)? {
///         try await store.code(code, clientID: client.clientID)
///     }
///     func deleteAuthorizationCode(_ code: any AuthorizationCode) async throws -> Bool {
///         try await store.markCodeUsed(code.code)
///     }
///     func authenticateUser(_ code: any AuthorizationCode) async throws -> (any OAuth2User)? {
///         try await store.user(id: code.userID)
///     }
///     func revokeTokens(grantID: String) async throws { try await store.revokeFamily(grantID) }
/// }
/// server.registerGrant(CodeGrant(store: store), extensions: [CodeChallenge()])
/// ```
public protocol AuthorizationCodeGrant: OAuth2Grant {
    /// Makes a new code. **Default:** 48 random letters and digits.
    func generateAuthorizationCode() -> String

    /// Stores a new code with what the token request will need: client, user, `redirect_uri`
    /// parameter, scope, PKCE challenge, nonce, expiry. **Required.**
    func saveAuthorizationCode(_ code: String, request: GrantRequest, expiresAt: Date) async throws

    /// Loads a code issued to `client`, used or not (a used one lets reuse be detected).
    /// **Required.**
    func queryAuthorizationCode(_ code: String, client: any OAuth2Client) async throws -> (any AuthorizationCode)?

    /// Marks the code used, atomically. **Required.**
    ///
    /// - Returns: `false` when it was already used (a concurrent redemption).
    func deleteAuthorizationCode(_ code: any AuthorizationCode) async throws -> Bool

    /// Loads the user who granted the code. **Required.**
    func authenticateUser(_ code: any AuthorizationCode) async throws -> (any OAuth2User)?

    /// Revokes every token of a family, here the tokens issued from a reused code. **Required.**
    func revokeTokens(grantID: String) async throws
}

extension AuthorizationCodeGrant {
    public func generateAuthorizationCode() -> String {
        TokenGenerator.generate(length: 48)
    }
}

// The flow, run by ``AuthorizationCodeFlow`` only: internal, not requirements, so statically
// dispatched; a conformer's methods of the same names are never called instead.
extension AuthorizationCodeGrant {
    /// RFC 6749 §4.1.1: checks the scope and keeps the `nonce`.
    func validateAuthorizationRequest(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> GrantRequest {
        var grantRequest = grantRequest
        grantRequest.grantType = .authorizationCode
        let data = grantRequest.request.data
        grantRequest.scope = try context.server.validateRequestedScope(data["scope"], client: grantRequest.client)
        grantRequest.nonce = data["nonce"]
        return grantRequest
    }

    /// RFC 6749 §4.1.2: saves a code and redirects with `code`, `state` and `iss`.
    func createAuthorizationResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response {
        let code = generateAuthorizationCode()
        let lifetime = context.server.configuration.effectiveAuthorizationCodeLifetime
        let expiresAt = context.clock.now.addingTimeInterval(TimeInterval(lifetime))
        try await context.server.callHook("saveAuthorizationCode") {
            try await saveAuthorizationCode(code, request: grantRequest, expiresAt: expiresAt)
        }
        return context.server.authorizationRedirect(grantRequest, parameters: [("code", code)], useFragment: false)
    }

    /// RFC 6749 §4.1.3: authenticates the client and checks the code (issued to this client,
    /// unused, unexpired, same `redirect_uri`).
    func validateTokenRequest(_ request: OAuth2Request, context: GrantContext) async throws(OAuth2Error) -> GrantRequest {
        let client = try await context.server.authenticateClient(
            request,
            methods: AuthorizationCodeFlow<Self>.tokenEndpointAuthMethods,
            grantType: .authorizationCode
        )
        guard let codeString = request.form["code"], !codeString.isEmpty else {
            throw .invalidRequest("Missing code.")
        }
        let found = try await context.server.callHook("queryAuthorizationCode") {
            try await queryAuthorizationCode(codeString, client: client)
        }
        guard let code = found, code.clientID == client.clientID,
            ConstantTimeComparison.isEqual(code.code, codeString)
        else {
            throw .invalidGrant("Invalid authorization code.")
        }
        if code.isUsed {
            try await revokeFamily(of: code, context: context)
            throw .invalidGrant("The authorization code was already used.")
        }
        guard !code.isExpired(at: context.clock.now) else { throw .invalidGrant("The authorization code expired.") }
        let redirectURI = request.form["redirect_uri"]
        if let expected = code.redirectURI {
            guard redirectURI == expected else { throw .invalidGrant("redirect_uri does not match.") }
        } else if let redirectURI, redirectURI != client.defaultRedirectURI {
            throw .invalidGrant("redirect_uri does not match.")
        }
        let user = try await context.server.callHook("authenticateUser") { try await authenticateUser(code) }
        guard let user else { throw .invalidGrant("The user of this code is gone.") }

        var grantRequest = GrantRequest(
            request: request,
            client: client,
            grantType: .authorizationCode,
            user: user,
            scope: code.scope,
            redirectURI: code.redirectURI,
            grantID: code.grantID
        )
        grantRequest.authorizationCode = code
        grantRequest.codeChallenge = code.codeChallenge
        grantRequest.codeChallengeMethod = code.codeChallengeMethod
        grantRequest.nonce = code.nonce
        return grantRequest
    }

    /// Consumes the code, then issues the token (with a refresh token when the client may refresh).
    func createTokenResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response {
        guard let code = grantRequest.authorizationCode else { throw .invalidGrant("Invalid authorization code.") }
        let consumed = try await context.server.callHook("deleteAuthorizationCode") { try await deleteAuthorizationCode(code) }
        guard consumed else {
            try await revokeFamily(of: code, context: context)
            throw .invalidGrant("The authorization code was already used.")
        }
        let includeRefreshToken = grantRequest.client.checkGrantType(.refreshToken)
        return try await context.server.issueToken(for: grantRequest, includeRefreshToken: includeRefreshToken).response
    }

    private func revokeFamily(of code: any AuthorizationCode, context: GrantContext) async throws(OAuth2Error) {
        let grantID = code.grantID
        context.server.recordReuse(.authorizationCodeReuseDetected, clientID: code.clientID, grantID: grantID)
        try await context.server.callHook("revokeTokens") { try await revokeTokens(grantID: grantID) }
        await context.server.emit(.grantRevoked(grantID: grantID, reason: "authorization code reused"))
    }
}
