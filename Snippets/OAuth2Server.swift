// An OAuth 2 provider on HTTPCore: the server, its grants and endpoints, the consent page, the
// token endpoint and a protected route, checked with the in-process test client.

// snippet.hide
import HTTPCore
import OAuth2
import OAuthMiddleware
import OAuthStores

// snippet.show
// snippet.setup
let server = AuthorizationServer()  // created before the app, Flask style
let requireOAuth = ResourceProtector()

let app = App(  // in production `App(config: .environment())` reads these from the environment
    config: Config([
        "SECRET_KEY": TokenGenerator.generate(length: 48),
        "OAUTH2_SCOPES_SUPPORTED": ["profile", "notes"],
        "OAUTH2_EXPIRES_CLIENT_CREDENTIALS": 3600,
        "OAUTH2_ERROR_URIS": ["invalid_client": "https://developer.example.com/errors#invalid-client"],
    ])
)
let store = try await SQLStore.open("sqlite::memory:")
try await store.migrate()
try server.initApp(app, queryClient: store.queryClient, saveToken: store.saveToken)
// snippet.end

// snippet.grants
server.registerGrant(store.authorizationCodeGrant(), extensions: [CodeChallenge(required: true)])
server.registerGrant(store.refreshTokenGrant())
server.registerGrant(ClientCredentialsGrant())
server.registerEndpoint(store.revocationEndpoint())
server.registerEndpoint(store.introspectionEndpoint())
// snippet.end

// snippet.hide
/// Checks a username and password against your users table.
func authenticate(username: String, password: String) async throws -> (any OAuth2User)? {
    username == "demo" && password == "correct horse" ? OAuth2UserReference(userID: "1") : nil
}
// snippet.show
// snippet.more-grants
server.registerGrant(ImplicitGrant())  // public browser clients; prefer the code grant with PKCE
server.registerGrant(store.passwordGrant { username, password in try await authenticate(username: username, password: password) })
// snippet.end

// snippet.custom-grant
/// A token for a signed assertion (RFC 6749 §4.5), Authlib's `BaseGrant` with `TOKEN_ENDPOINT = True`.
struct AssertionGrant: TokenEndpointGrant {
    static let grantType: GrantType = "urn:example:assertion"

    func validateTokenRequest(_ request: OAuth2Request, context: GrantContext) async throws(OAuth2Error) -> GrantRequest {
        let client = try await authenticateClient(request, context: context)
        guard request.form["assertion"] == "a signed assertion you verify" else { throw .invalidGrant("Bad assertion.") }
        let scope = try context.server.validateRequestedScope(request.form["scope"], client: client)
        return GrantRequest(request: request, client: client, grantType: Self.grantType, scope: scope)
    }

    func createTokenResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response {
        try await context.server.issueToken(for: grantRequest, includeRefreshToken: false).response
    }
}
server.registerGrant(AssertionGrant())
// snippet.end

// snippet.authorize
let pages = app.group("", middleware: try SessionMiddleware(config: app.config), CSRFProtection())
pages.get("/oauth/authorize") { request in
    guard let userID = try request.session["user_id"] else { return .redirect(to: "/login") }
    let grant = try await server.validateConsentRequest(request, endUser: OAuth2UserReference(userID: userID))
    let token = try CSRFProtection.token(for: request)
    return .html(
        #"<form method="post"><input type="hidden" name="csrf_token" value="\#(token)">"#
            + #"<p>Allow \#(grant.client.clientID) to use \#(grant.scope ?? "your account")?</p>"#
            + #"<button name="confirm" value="yes">Allow</button></form>"#
    )
}
pages.post("/oauth/authorize") { request in
    let userID = try request.form()["confirm"] == "yes" ? try request.session["user_id"] : nil
    return await server.createAuthorizationResponse(request, grantUser: userID.map { OAuth2UserReference(userID: $0) })
}
// snippet.end

// snippet.token
app.post("/oauth/token") { request in await server.createTokenResponse(request) }
app.post("/oauth/revoke") { request in await server.createEndpointResponse("revocation", request) }
app.post("/oauth/introspect") { request in await server.createEndpointResponse("introspection", request) }
app.get("/.well-known/oauth-authorization-server") { _ in server.createMetadataResponse() }
// snippet.end

// snippet.protect
requireOAuth.registerTokenValidator(store.bearerTokenValidator())
app.get("/api/me", requireOAuth("profile") { _ in .text(currentToken?.clientID ?? "") })
// snippet.end

// snippet.try
let (client, secret) = try await store.createOAuth2Client(
    name: "Reporting job",
    redirectURIs: [],
    grantTypes: [.clientCredentials],
    scope: "profile",
    ownerUserID: nil
)
try await app.test { http in
    let token = try await http.post(
        "/oauth/token",
        form: [("grant_type", "client_credentials"), ("scope", "profile")],
        auth: .basic(username: client.clientID, password: secret ?? "")
    )
    let accessToken = try token.jsonObject()["access_token"] as? String ?? ""
    print(try await http.get("/api/me", auth: .bearer(accessToken)).text)  // the client's id
}
// snippet.end
