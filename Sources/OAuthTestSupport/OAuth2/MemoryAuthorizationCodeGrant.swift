public import FoundationEssentials
public import OAuth2

/// ``AuthorizationCodeGrant`` over a ``MemoryOAuth2Store``.
public struct MemoryAuthorizationCodeGrant: AuthorizationCodeGrant {
    public let store: MemoryOAuth2Store
    public init(store: MemoryOAuth2Store) { self.store = store }

    public func saveAuthorizationCode(_ code: String, request: GrantRequest, expiresAt: Date) async throws {
        store.saveCode(code, request: request, expiresAt: expiresAt)
    }

    public func queryAuthorizationCode(_ code: String, client: any OAuth2Client) async throws -> (any AuthorizationCode)? {
        store.code(code, clientID: client.clientID)
    }

    public func deleteAuthorizationCode(_ code: any AuthorizationCode) async throws -> Bool {
        store.markCodeUsed(code.code)
    }

    public func authenticateUser(_ code: any AuthorizationCode) async throws -> (any OAuth2User)? {
        store.user(id: code.userID)
    }

    public func revokeTokens(grantID: String) async throws {
        store.revokeFamily(grantID: grantID)
    }
}
