// Resource protection: bearer-token guards with scopes, a validator of your own, MethodView
// decorators, and the OAuth 1 guard built from three functions.

// snippet.hide
import Foundation
import HTTPCore
import OAuth1
import OAuth2
import OAuthMiddleware
import OAuthStores

let app = App(config: .environment())
let store = try await SQLStore.open("sqlite::memory:")
try await store.migrate()

// snippet.show
// snippet.validator
/// Looks tokens up in your own table (Authlib's `BearerTokenValidator` subclass).
struct MyBearerTokenValidator: BearerTokenValidator {
    let store: SQLStore

    func authenticateToken(_ tokenString: String) async throws -> (any OAuth2Token)? {
        try await store.oauth2Token(accessToken: tokenString)
    }
    // `requestInvalid` (false) and `tokenRevoked` (`token.isRevoked`) keep their defaults.
}

let requireOAuth = ResourceProtector()
requireOAuth.registerTokenValidator(MyBearerTokenValidator(store: store))  // or store.bearerTokenValidator()
// snippet.end

// snippet.routes
app.get("/user", requireOAuth("profile") { _ in .text(currentToken?.userID ?? "") })  // scope "profile"
app.get("/feed", requireOAuth(["read", "admin"]) { _ in .text("feed") })  // any one of them
app.get("/both", requireOAuth("read write") { _ in .text("both") })  // all of them
app.get("/any-token", requireOAuth() { _ in .text("valid token") })  // no scope: any valid token
app.get("/maybe", requireOAuth(optional: true) { request in .text(request.oauth2Token == nil ? "anonymous" : "signed in") })
app.get("/me", requireOAuth(scope: "profile")) { request in .text(try request.requireToken().clientID) }
// snippet.end

// snippet.methodview
struct UserAPI: MethodView {
    static let decorators: [any Middleware] = [requireOAuth("profile")]
    func get(_ request: Request) async throws -> Response { .text(currentToken?.userID ?? "") }
}
app.addView("/api/user", UserAPI())
// snippet.end

// snippet.oauth1
let requireOAuth1 = OAuth1ResourceProtector()
let nonces = MemoryCache()  // or SQLCache(store: store) when several nodes serve the site
try requireOAuth1.initApp(
    app,
    queryClient: { clientID in try await store.oauth1Client(id: clientID) },
    queryToken: { clientID, token in try await store.queryToken(clientID: clientID, token: token) },
    existsNonce: createExistsNonceFunc(nonces)
)
app.get("/api/oauth1/user", requireOAuth1 { _ in .text(currentCredential?.userID ?? "") })
// snippet.end

// snippet.hide
try await app.test { http in
    print(try await http.get("/user").status)  // 401
    print(try await http.get("/maybe").text)  // anonymous
}
