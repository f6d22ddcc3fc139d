// An OAuth 1 provider on HTTPCore: temporary credentials, the authorization page, token
// credentials and a route guarded by signed requests, on the SQL store's hooks.

// snippet.hide
import Crypto
import HTTPCore
import OAuth1
import OAuthMiddleware
import OAuthStores

// snippet.show
// snippet.setup
let server = OAuth1AuthorizationServer()
let requireOAuth1 = OAuth1ResourceProtector()

let app = App(  // in production `App(config: .environment())` reads these from the environment
    config: Config([
        "SECRET_KEY": TokenGenerator.generate(length: 48),
        "OAUTH1_SUPPORTED_SIGNATURE_METHODS": ["HMAC-SHA1", "RSA-SHA1"],
    ])
)
let store = try await SQLStore.open("sqlite::memory:")
try await store.migrate()
try server.initApp(app, hooks: store.oauth1ServerHooks())
try requireOAuth1.initApp(app, hooks: store.oauth1ResourceProtectorHooks())
// snippet.end

// snippet.flow
app.post("/oauth1/initiate") { request in await server.createTemporaryCredentialsResponse(request) }
app.post("/oauth1/token") { request in await server.createTokenResponse(request) }

let pages = app.group("", middleware: try SessionMiddleware(config: app.config), CSRFProtection())
pages.get("/oauth1/authorize") { request in
    guard try request.session["user_id"] != nil else { return .redirect(to: "/login") }
    let credential = try await server.checkAuthorizationRequest(request)
    let csrf = try CSRFProtection.token(for: request)
    return .html(
        #"<form method="post"><input type="hidden" name="csrf_token" value="\#(csrf)">"#
            + #"<p>Allow \#(credential.clientID) to use your account?</p>"#
            + #"<button name="confirm" value="yes">Allow</button></form>"#
    )
}
pages.post("/oauth1/authorize") { request in
    let userID = try request.form()["confirm"] == "yes" ? try request.session["user_id"] : nil
    return await server.createAuthorizationResponse(request, grantUser: userID)
}
// snippet.end

// snippet.protect
app.get("/api/oauth1/me", requireOAuth1 { _ in .text(currentCredential?.userID ?? "") })
// snippet.end

// snippet.signature
server.registerSignatureMethod(SignatureMethod("HMAC-SHA256"), HMACSignatureAlgorithm<SHA256>())
requireOAuth1.registerSignatureMethod(SignatureMethod("HMAC-SHA256"), HMACSignatureAlgorithm<SHA256>())
// and list it: OAUTH1_SUPPORTED_SIGNATURE_METHODS = ["HMAC-SHA1", "RSA-SHA1", "HMAC-SHA256"]
// snippet.end

// snippet.functions
let cachedApp = App(config: Config(["OAUTH1_AUTH_CACHE_TYPE": "simple"]))  // temporary credentials in memory
let cachedServer = try OAuth1AuthorizationServer(
    app: cachedApp,
    queryClient: { clientID in try await store.oauth1Client(id: clientID) },
    createTokenCredential: { _, temporaryCredential, oauthToken, oauthTokenSecret in
        try await store.insertOAuth1TokenCredential(
            clientID: temporaryCredential.clientID,
            oauthToken: oauthToken,
            oauthTokenSecret: oauthTokenSecret,
            userID: temporaryCredential.userID
        )
    }
)
// snippet.end

// snippet.try
try await app.test { http in
    let response = try await http.get("/api/oauth1/me")  // not signed
    print(response.status, response.headers[.wwwAuthenticate] ?? "")  // 401 OAuth realm=...
}
// snippet.end
