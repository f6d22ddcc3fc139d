// The client registry: "log in with X" and calls to X's API on the user's behalf, for an OAuth 1
// provider and an OAuth 2 one, with the users' tokens kept by the application.

// snippet.hide
import HTTPCore
import OAuthClient
import OAuthMiddleware
import OAuthStores

// snippet.show
// snippet.tokens
/// The application's table of the users' tokens, by user and remote app (a database in production).
actor RemoteTokens {
    private var tokens: [String: RemoteToken] = [:]
    func save(_ token: RemoteToken, userID: String, name: String) { tokens[userID + "/" + name] = token }
    func load(userID: String, name: String) -> RemoteToken? { tokens[userID + "/" + name] }
}
let tokens = RemoteTokens()
// snippet.end

// snippet.registry
let oauth = OAuth(
    fetchToken: { name, request in  // the signed-in user's token for `name`
        guard let userID = try request.session["user_id"] else { return nil }
        return await tokens.load(userID: userID, name: name)
    },
    updateToken: { name, token, _, request in  // OAuth 2: a refreshed token replaces the old one
        guard let userID = try request?.session["user_id"] else { return }
        await tokens.save(.oauth2(token), userID: userID, name: name)
    }
)
oauth.register(  // OAuth 1: a request token URL makes the app OAuth 1
    "twitter",
    requestTokenURL: "https://api.twitter.com/oauth/request_token",
    accessTokenURL: "https://api.twitter.com/oauth/access_token",
    authorizeURL: "https://api.twitter.com/oauth/authenticate",
    apiBaseURL: "https://api.twitter.com/1.1/"
)  // TWITTER_CLIENT_ID and TWITTER_CLIENT_SECRET come from the app's configuration
oauth.register(
    "github",
    accessTokenURL: "https://github.com/login/oauth/access_token",
    authorizeURL: "https://github.com/login/oauth/authorize",
    apiBaseURL: "https://api.github.com/",
    clientKwargs: ClientOptions(scope: "read:user")
)
// snippet.end

// snippet.app
let app = App(
    config: .environment([
        "SECRET_KEY": TokenGenerator.generate(length: 48),
        "TWITTER_CLIENT_ID": "consumer key", "TWITTER_CLIENT_SECRET": "consumer secret",
        "GITHUB_CLIENT_ID": "client id", "GITHUB_CLIENT_SECRET": "client secret",
    ])
)
// Pending flows (state, PKCE verifier) wait in the session: keep it on the server.
let sessions = try SessionMiddleware(config: app.config, storage: .server(CacheSessionStore(cache: MemoryCache())))
try oauth.initApp(app)
// snippet.end

// snippet.routes
let pages = app.group("", middleware: sessions)
pages.get("/login/:name") { request in
    guard let client = oauth.createClient(request.parameters["name"] ?? "") else { throw HTTPError(.notFound) }
    return try await client.authorizeRedirect(request, redirectURI: "https://app.example/authorize/\(client.name)")
}
pages.get("/authorize/:name") { request in
    guard let client = oauth.createClient(request.parameters["name"] ?? ""),
        let userID = try request.session["user_id"]
    else { throw HTTPError(.notFound) }
    let token = try await client.authorizeAccessToken(request)
    await tokens.save(token, userID: userID, name: client.name)
    return .redirect(to: "/profile/\(client.name)")
}
pages.get("/profile/github") { request in
    let response = try await oauth.github.get("user", request: request)  // signed with the fetched token
    return .text(response.text, status: response.isSuccess ? .ok : .badGateway)
}
// snippet.end

// snippet.hide
try await app.test { http in
    let response = try await http.get("/login/github")
    print(response.status, response.headers[.location] ?? "")  // 302 to github.com with state and PKCE
}
