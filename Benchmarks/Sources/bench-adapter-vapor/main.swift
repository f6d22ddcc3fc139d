// The issue-17 benchmark on Vapor 4 (`scripts/bench-oauth` cases vapor-sqlite-me and
// vapor-sqlite-me-open): the bench-oauth routes over OAuthStores' SQLStore, served through the
// GatehouseVapor adapter. Vapor's default middleware minus request logging (the same for both routes).
//
//   GET /hello               unguarded, 200 `text/plain; charset=utf-8` "Hello, world!"
//   GET /api/me              the adapter's bearer guard, scope `profile`, tokens from SQLite
//   GET /api/me-unguarded    the same handler without the guard (the baseline)
//
// Usage: BENCH_STORE=PATH [BENCH_VALIDATION_CACHE_SECONDS=5] bench-adapter-vapor PORT
import BenchSupport
import Foundation
import GatehouseVapor
import NIOCore
import NIOPosix
import OAuth2
import OAuthStores
import Vapor

// The same global executor as bench-oauth (and Vapor's own template): NIO's event loops.
_ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
let environment = ProcessInfo.processInfo.environment
guard CommandLine.arguments.count > 1, let port = Int(CommandLine.arguments[1]), let url = environment["BENCH_STORE"] else {
    print("usage: BENCH_STORE=PATH bench-adapter-vapor PORT")
    exit(2)
}
let store = try await BenchSQLStore.open(url, accessToken: BenchCredentials.defaultAccessToken)
let lifetime = environment["BENCH_VALIDATION_CACHE_SECONDS"].flatMap { Int($0) } ?? 5
let requireOAuth = ResourceProtector()
requireOAuth.registerTokenValidator(store.bearerTokenValidator(cacheLifetime: .seconds(lifetime)))

let app = try await Application.make(Environment(name: "production", arguments: ["bench-adapter-vapor", "serve"]))
app.http.server.configuration.hostname = "127.0.0.1"
app.http.server.configuration.port = port
app.logger.logLevel = .warning
app.middleware = Middlewares()
app.middleware.use(ErrorMiddleware.default(environment: app.environment))
app.get("hello") { _ in "Hello, world!" }
let me: @Sendable (Request) async throws -> String = { request in "client=\(request.oauthToken?.clientID ?? "")" }
app.grouped(requireOAuth(scope: "profile")).get("api", "me", use: me)
app.get("api", "me-unguarded", use: me)
try await app.execute()
try await app.asyncShutdown()
try await store.close()
