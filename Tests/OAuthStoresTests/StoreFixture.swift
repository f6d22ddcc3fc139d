import Foundation
import GatehouseCommon
import OAuth2
import OAuthStores
import OAuthTestSupport

/// Shared setup of the OAuth 2 store tests: a server wired to a store's hooks, clients and users
/// with unique ids (tests share one PostgreSQL database and run in parallel).
enum StoreFixture {
    static let issuer = "https://server.example"
    static let tokenURI = issuer + "/oauth/token"
    static let authorizeURI = issuer + "/oauth/authorize"
    static let resourceURI = issuer + "/api/me"
    static let redirectURI = "https://client.example/callback"
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    static let password = "wonderland"

    /// A server whose every hook is the store's.
    static func makeServer(_ store: SQLStore, reuseGracePeriod: Int = 0, refreshTokenLifetime: Int? = nil) -> AuthorizationServer {
        let server = AuthorizationServer(
            configuration: AuthorizationServer.Configuration(issuer: issuer, clock: store.clock),
            queryClient: store.queryClient,
            saveToken: store.saveToken(refreshTokenLifetime: refreshTokenLifetime)
        )
        server.registerGrant(store.authorizationCodeGrant(), extensions: [CodeChallenge()])
        server.registerGrant(store.refreshTokenGrant(reuseGracePeriod: reuseGracePeriod))
        server.registerGrant(
            store.passwordGrant { username, password in
                password == Self.password ? OAuth2UserReference(userID: "user-of-" + username) : nil
            }
        )
        server.registerGrant(ClientCredentialsGrant())
        server.registerEndpoint(store.revocationEndpoint())
        server.registerEndpoint(store.introspectionEndpoint())
        return server
    }

    /// A confidential client allowed every grant, with its secret.
    static func makeClient(
        _ store: SQLStore,
        owner: String? = nil,
        method: ClientAuthMethod = .clientSecretBasic
    ) async throws -> (client: SQLOAuth2Client, secret: String) {
        let (client, secret) = try await store.createOAuth2Client(
            name: "Test client",
            redirectURIs: [redirectURI],
            grantTypes: [.authorizationCode, .refreshToken, .password, .clientCredentials],
            responseTypes: [.code],
            scope: "profile email",
            tokenEndpointAuthMethod: method,
            ownerUserID: owner ?? uniqueKey("owner")
        )
        return (client, secret ?? "")
    }

    /// Runs the authorization request as `userID` and returns the code.
    static func authorize(_ server: AuthorizationServer, clientID: String, userID: String, scope: String = "profile") async throws -> String
    {
        let request = OAuth2Request.get(
            authorizeURI,
            [
                ("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirectURI), ("scope", scope),
                ("state", "xyz"), ("code_challenge", challenge), ("code_challenge_method", "S256"),
            ]
        )
        let response = await server.createAuthorizationResponse(request, grantUser: OAuth2UserReference(userID: userID))
        guard let location = response.location, let query = location.split(separator: "?", maxSplits: 1).last,
            let code = try FormURLEncoding.decode(String(query))["code"]
        else { throw FixtureError("no code in \(response.status) \(response.bodyText)") }
        return code
    }

    /// The token request redeeming `code`.
    static func exchange(_ server: AuthorizationServer, code: String, clientID: String, secret: String) async -> OAuth2Response {
        await server.createTokenResponse(
            .formPost(
                tokenURI,
                [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI), ("code_verifier", verifier)],
                basic: (clientID, secret)
            )
        )
    }

    /// The token request using a refresh token.
    static func refresh(_ server: AuthorizationServer, refreshToken: String, clientID: String, secret: String) async -> OAuth2Response {
        await server.createTokenResponse(
            .formPost(tokenURI, [("grant_type", "refresh_token"), ("refresh_token", refreshToken)], basic: (clientID, secret))
        )
    }

    /// A client credentials token request.
    static func clientCredentials(_ server: AuthorizationServer, clientID: String, secret: String) async -> OAuth2Response {
        await server.createTokenResponse(
            .formPost(tokenURI, [("grant_type", "client_credentials"), ("scope", "profile")], basic: (clientID, secret))
        )
    }

    /// Authorizes and redeems a code: the token response of a fresh authorization by `userID`.
    static func issueTokens(_ server: AuthorizationServer, clientID: String, secret: String, userID: String) async throws -> OAuth2Response
    {
        let code = try await authorize(server, clientID: clientID, userID: userID)
        return await exchange(server, code: code, clientID: clientID, secret: secret)
    }

    /// A resource protector with `validator`.
    static func protector(_ validator: SQLBearerTokenValidator) -> ResourceProtector {
        let protector = ResourceProtector(clock: validator.store.clock)
        protector.registerTokenValidator(validator)
        return protector
    }

    /// Whether `protector` accepts `token` for `scope`; the error code otherwise.
    static func check(_ protector: ResourceProtector, _ token: String, scope: ScopeRequirement = nil) async -> String? {
        do {
            let request = try OAuth2Request(method: "GET", uri: resourceURI, headers: ["authorization": "Bearer \(token)"])
            _ = try await protector.validateRequest(request, scopes: scope)
            return nil
        } catch {
            return error.code.rawValue
        }
    }
}

extension OAuth2Response {
    /// A string member of the JSON body.
    func string(_ name: String) -> String? { jsonBody?[name]?.stringValue }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
