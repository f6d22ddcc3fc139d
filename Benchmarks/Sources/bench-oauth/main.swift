// The OAuth benchmark server: one HTTPCore app with in-memory stores, on one port.
//
//   GET  /hello           unguarded, 200 `text/plain; charset=utf-8` "Hello, world!" (as bench-httpcore)
//   GET  /api/me          `requireOAuth("profile")`, bearer token checked by an in-memory validator
//   GET  /api/me-unguarded   the same handler without the guard (the bearer guard's baseline)
//   POST /oauth/token     client credentials grant, `client_secret_basic`, token saved in memory
//   GET  /api/oauth1/me   OAuth 1 resource protector (HMAC-SHA1), in-memory client, token and nonces
//   GET  /api/oauth1/me-unguarded   the same handler without the protector (the OAuth 1 baseline)
//
// The client, secret and pre-issued bearer token match the Authlib peer
// (`Benchmarks/peers/authlib-flask`), so the same wrk scripts drive both servers.
//
// Usage:
//   bench-oauth PORT                       serve on 127.0.0.1:PORT
//   bench-oauth seed-demo DATABASE USER_ID provision the benchmark client and bearer token (for USER_ID)
//                                          in a DemoApp database, so the peer's wrk scripts drive DemoApp
//   bench-oauth sign COUNT URI [PREFIX]    print COUNT `Authorization: OAuth ...` header values for
//                                          `GET URI`, each with its own nonce (PREFIX + index), signed
//                                          HMAC-SHA1 now with OAuth1's own signing code
// Environment:
//   BENCH_ACCESS_TOKEN     the pre-issued bearer token (default: the Authlib peer's)
//   BENCH_STORE            serve /oauth/token and /api/me from OAuthStores' SQLStore at this URL
//                          (a SQLite path or postgres://...) instead of memory; the client and the
//                          bearer token are provisioned into it
//   BENCH_VALIDATION_CACHE_SECONDS   the SQL bearer validator's cache lifetime, 0 = off (default 5)
//   BENCH_TOKENS_KEPT      issued tokens kept in memory, oldest dropped first (default 10000)
//   BENCH_NONCES_KEPT      capacity of the OAuth 1 nonce cache (default 2000000)
import BenchSupport
import FoundationEssentials
import GatehouseCommon
import GatehouseNIO
import HTTPCore
import HTTPTypes
import NIOCore
import NIOPosix
import OAuth1
import OAuth2
import OAuthMiddleware
import OAuthStores

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Same global executor for every variant: NIO's event loops (as `bench-httpcore` with BENCH_NIO_EXECUTOR=1).
let installed = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

// As DemoApp does: with TZ unset, glibc stats /etc/localtime for every log line's timestamp (the
// audit lines of each issued token).
if getenv("TZ") == nil { setenv("TZ", ":/etc/localtime", 0) }

let environment = ProcessInfoLite.environment
let arguments = CommandLine.arguments

if arguments.count > 1, arguments[1] == "seed-demo" {
    guard arguments.count == 4 else {
        printError("usage: bench-oauth seed-demo DATABASE USER_ID")
        exit(2)
    }
    do {
        let store = try await BenchSQLStore.open(arguments[2], accessToken: BenchCredentials.defaultAccessToken, userID: arguments[3])
        try await store.close()
    } catch {
        printError("bench-oauth seed-demo: \(error)")
        exit(1)
    }
    exit(0)
}

if arguments.count > 1, arguments[1] == "sign" {
    guard arguments.count > 3, let count = Int(arguments[2]), count > 0 else {
        printError("usage: bench-oauth sign COUNT URI [NONCE_PREFIX]")
        exit(2)
    }
    do {
        try OAuth1HeaderSigner().printHeaders(count: count, uri: arguments[3], noncePrefix: arguments.count > 4 ? arguments[4] : "n")
    } catch {
        printError("bench-oauth sign: \(error)")
        exit(1)
    }
    exit(0)
}

if arguments.count > 2, arguments[1] == "micro-oauth1", let count = Int(arguments[2]) {
    // In-process cost of one OAuth 1 check (parse + verify + nonce), no HTTP: for profiling.
    let headers = try OAuth1HeaderSigner().headers(count: count, uri: "http://127.0.0.1:8080/api/oauth1/me", noncePrefix: "m")
    let client = BenchOAuth1Client(clientID: BenchCredentials.oauth1ClientID, clientSecret: BenchCredentials.oauth1ClientSecret)
    let credential = BenchOAuth1TokenCredential(
        clientID: BenchCredentials.oauth1ClientID,
        oauthToken: BenchCredentials.oauth1Token,
        oauthTokenSecret: BenchCredentials.oauth1TokenSecret,
        userID: "bench-user"
    )
    let protector = OAuth1ResourceProtector(
        queryClient: { _ in client },
        queryToken: { _, _ in credential },
        existsNonce: createExistsNonceFunc(NonceTable(capacity: count + 1))
    )
    protector.configuration.allowInsecureTransport = true
    // Off the main actor, as a request handler runs: no executor hop per iteration.
    let elapsed = try await Task.detached {
        let start = ContinuousClock.now
        for header in headers {
            let request = try OAuth1Request(
                method: "GET",
                uri: "http://127.0.0.1:8080/api/oauth1/me",
                headers: ["host": "127.0.0.1:8080", "authorization": header, "user-agent": "wrk"]
            )
            _ = try await protector.validateRequest(request)
        }
        return ContinuousClock.now - start
    }.value
    printError("micro-oauth1: \(count) checks, \(elapsed / count) each")
    exit(0)
}

// `micro-routes N`: the routes below called in process (no sockets) N times each, for profiling
// what a guard adds to a request: GET /hello, GET /api/me with the bearer token, POST /oauth/token.
let microRoutes = arguments.count > 2 && arguments[1] == "micro-routes" ? Int(arguments[2]) : nil
guard let port = microRoutes != nil ? 0 : arguments.count > 1 ? Int(arguments[1]) : nil else {
    printError("usage: bench-oauth PORT | bench-oauth sign COUNT URI [NONCE_PREFIX] | bench-oauth micro-routes N")
    exit(2)
}
printError("bench-oauth: NIO global executor installed: \(installed)")

let app = App(config: Config(["AUTHLIB_INSECURE_TRANSPORT": "1"]))

// OAuth 2: token endpoint and bearer-guarded route over one in-memory store.
let accessToken = environment["BENCH_ACCESS_TOKEN"] ?? BenchCredentials.defaultAccessToken
let store = BenchOAuth2Store(
    client: BenchOAuth2Client(clientID: BenchCredentials.clientID, clientSecret: BenchCredentials.clientSecret),
    pinnedAccessToken: accessToken,
    tokensKept: environment["BENCH_TOKENS_KEPT"].flatMap { Int($0) } ?? 10_000
)
let authorization = AuthorizationServer()
let requireOAuth = ResourceProtector()
if let url = environment["BENCH_STORE"], !url.isEmpty {
    // Issue 6: the same routes over the SQL store (SQLite file or PostgreSQL).
    let sql = try await BenchSQLStore.open(url, accessToken: accessToken)
    try authorization.initApp(app, queryClient: sql.queryClient, saveToken: sql.saveToken)
    let lifetime = environment["BENCH_VALIDATION_CACHE_SECONDS"].flatMap { Int($0) } ?? 5
    requireOAuth.registerTokenValidator(sql.bearerTokenValidator(cacheLifetime: .seconds(lifetime)))
    printError("bench-oauth: SQL store \(sql.engine), validation cache \(lifetime) s")
} else {
    try authorization.initApp(app, queryClient: store.queryClient, saveToken: store.saveToken)
    requireOAuth.registerTokenValidator(BenchBearerTokenValidator(store: store))
}
authorization.registerGrant(ClientCredentialsGrant())
printError("bench-oauth: bearer token \(accessToken)")

// OAuth 1: resource protector with an in-memory client, token credential and nonce cache.
let oauth1Client = BenchOAuth1Client(clientID: BenchCredentials.oauth1ClientID, clientSecret: BenchCredentials.oauth1ClientSecret)
let oauth1Credential = BenchOAuth1TokenCredential(
    clientID: BenchCredentials.oauth1ClientID,
    oauthToken: BenchCredentials.oauth1Token,
    oauthTokenSecret: BenchCredentials.oauth1TokenSecret,
    userID: "bench-user"
)
let nonceTable = NonceTable(capacity: environment["BENCH_NONCES_KEPT"].flatMap { Int($0) } ?? 2_000_000)
let requireOAuth1 = OAuth1ResourceProtector()
try requireOAuth1.initApp(
    app,
    queryClient: { clientID in clientID == oauth1Client.clientID ? oauth1Client : nil },
    queryToken: { clientID, token in
        clientID == oauth1Credential.clientID && token == oauth1Credential.oauthToken ? oauth1Credential : nil
    },
    // The in-process nonce table: nonces are kept for the timestamp window (300 s), bounded by its capacity.
    existsNonce: createExistsNonceFunc(nonceTable)
)

app.get("/hello") { _ in .text("Hello, world!") }
let me: Responder = { _ in .text("client=\(currentToken?.clientID ?? "")") }
app.get("/api/me", requireOAuth("profile", me))
// The same route unguarded: the bearer guard's baseline (issue 15), driven by the same requests.
app.get("/api/me-unguarded", me)
app.post("/oauth/token") { request in await authorization.createTokenResponse(request) }
let oauth1Me: Responder = { _ in .text("user=\(currentCredential?.userID ?? "")") }
app.get("/api/oauth1/me", requireOAuth1(oauth1Me))
// The same route unguarded: issue 5's baseline, driven by the same pre-signed requests.
app.get("/api/oauth1/me-unguarded", oauth1Me)

if let count = microRoutes {
    let basic = "Basic " + Data("\(BenchCredentials.clientID):\(BenchCredentials.clientSecret)".utf8).base64EncodedString()
    let cases: [(String, () -> Request)] = [
        ("GET /hello", { Request(method: .get, target: "/hello", headers: [HTTPField.Name("Host")!: "127.0.0.1:8080"]) }),
        (
            "GET /api/me",
            {
                Request(
                    method: .get,
                    target: "/api/me",
                    headers: [HTTPField.Name("Host")!: "127.0.0.1:8080", .authorization: "Bearer \(accessToken)"]
                )
            }
        ),
        (
            "POST /oauth/token",
            {
                Request(
                    method: .post,
                    target: "/oauth/token",
                    headers: [
                        HTTPField.Name("Host")!: "127.0.0.1:8080", .authorization: basic, .contentType: "application/x-www-form-urlencoded",
                    ],
                    body: ByteBuffer(string: "grant_type=client_credentials&scope=profile")
                )
            }
        ),
    ]
    let only = environment["BENCH_MICRO_CASE"]  // e.g. "GET /api/me": run that case alone
    for (name, make) in cases where only == nil || only == name {
        // On an event loop's executor, as the server runs handlers: no executor hops to time.
        let executor = EventLoopTaskExecutor(eventLoop: MultiThreadedEventLoopGroup.singleton.any())
        let elapsed = await Task(executorPreference: executor) {
            for _ in 0..<count / 10 { _ = await app.respond(to: make()) }  // warm-up
            let start = ContinuousClock.now
            for _ in 0..<count { _ = await app.respond(to: make()) }
            return ContinuousClock.now - start
        }.value
        printError("micro-routes: \(name): \(elapsed / count) each (\(count) requests)")
    }
    exit(0)
}

app.serverConfiguration = ServerConfiguration(host: "127.0.0.1", port: port, compression: false, accessLog: false)
try await app.run()

/// The process environment without Foundation.
enum ProcessInfoLite {
    static var environment: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}

/// Writes a line to standard error (without touching the `stderr` global).
func printError(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}
