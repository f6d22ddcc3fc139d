import FoundationEssentials
import OAuth2
public import OAuthStores

/// Opens the SQL store of a store-backed run and provisions the benchmark's client and bearer token
/// (the same credentials as the in-memory store and the Authlib peer).
public enum BenchSQLStore {
    /// Opens the store at `url` (migrated) with the benchmark client and `accessToken` for `userID`.
    public static func open(_ url: String, accessToken: String, userID: String? = nil) async throws -> SQLStore {
        let store = try await SQLStore.open(url)
        _ = try await store.migrate()
        if try await store.oauth2Client(id: BenchCredentials.clientID) == nil {
            _ = try await store.createOAuth2Client(
                name: "bench",
                redirectURIs: [],
                grantTypes: [.clientCredentials],
                responseTypes: [],
                scope: "profile",
                tokenEndpointAuthMethod: .clientSecretBasic,
                ownerUserID: nil,
                clientID: BenchCredentials.clientID,
                clientSecret: BenchCredentials.clientSecret
            )
        }
        if try await store.oauth2Token(accessToken: accessToken) == nil {
            try await store.insertOAuth2Token(
                IssuedToken(accessToken: accessToken, expiresIn: 10 * 365 * 24 * 3600, scope: "profile", grantID: "bench"),
                clientID: BenchCredentials.clientID,
                userID: userID
            )
        }
        return store
    }
}
