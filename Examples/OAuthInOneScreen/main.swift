import HTTPCore
import OAuth2
import OAuthMiddleware
import OAuthStores

let server = AuthorizationServer()  // created before the app, Flask style
let requireOAuth = ResourceProtector()

let app = App(config: .environment())  // OAUTH2_* keys, AUTHLIB_INSECURE_TRANSPORT, SECRET_KEY
let store = try await SQLStore.open("provider.sqlite")
try await store.migrate()
try server.initApp(app, queryClient: store.queryClient, saveToken: store.saveToken)
server.registerGrant(store.authorizationCodeGrant(), extensions: [CodeChallenge(required: true)])
server.registerGrant(store.refreshTokenGrant())
server.registerGrant(ClientCredentialsGrant())
server.registerEndpoint(store.revocationEndpoint())
requireOAuth.registerTokenValidator(store.bearerTokenValidator())

// The consent page: your login form puts the user's id in the session.
let pages = app.group("", middleware: try SessionMiddleware(config: app.config), CSRFProtection())
pages.get("/oauth/authorize") { request in
    guard let userID = try request.session["user_id"] else { return .redirect(to: "/login") }
    _ = try await server.validateConsentRequest(request, endUser: OAuth2UserReference(userID: userID))
    let token = try CSRFProtection.token(for: request)
    return .html(
        #"<form method="post"><input type="hidden" name="csrf_token" value="\#(token)"><button name="confirm" value="yes">Allow</button></form>"#
    )
}
pages.post("/oauth/authorize") { request in
    let userID = try request.form()["confirm"] == "yes" ? try request.session["user_id"] : nil
    return await server.createAuthorizationResponse(request, grantUser: userID.map { OAuth2UserReference(userID: $0) })
}

app.post("/oauth/token") { request in await server.createTokenResponse(request) }
app.get("/user", requireOAuth(scope: "profile") { _ in .text(currentToken?.userID ?? "") })
try await app.run(host: "127.0.0.1", port: 8080)
