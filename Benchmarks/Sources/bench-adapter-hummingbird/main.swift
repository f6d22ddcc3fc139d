// The issue-17 benchmark on Hummingbird 2 (`scripts/bench-oauth` cases hb-sqlite-me and
// hb-sqlite-me-open): the bench-oauth routes over OAuthStores' SQLStore, served through the
// GatehouseHummingbird adapter.
//
//   GET /hello               unguarded, 200 `text/plain; charset=utf-8` "Hello, world!"
//   GET /api/me              the adapter's bearer guard, scope `profile`, tokens from SQLite
//   GET /api/me-unguarded    the same handler without the guard (the baseline)
//
// Usage: BENCH_STORE=PATH [BENCH_VALIDATION_CACHE_SECONDS=5] bench-adapter-hummingbird PORT
import BenchSupport
import FoundationEssentials
import GatehouseHummingbird
import Hummingbird
import NIOCore
import NIOPosix
import OAuth2
import OAuthStores

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The same global executor as bench-oauth: NIO's event loops.
_ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
let arguments = CommandLine.arguments
let environment = ProcessInfo.processInfo.environment
guard arguments.count > 1, let port = Int(arguments[1]), let url = environment["BENCH_STORE"] else {
    print("usage: BENCH_STORE=PATH bench-adapter-hummingbird PORT")
    exit(2)
}
let store = try await BenchSQLStore.open(url, accessToken: BenchCredentials.defaultAccessToken)
let lifetime = environment["BENCH_VALIDATION_CACHE_SECONDS"].flatMap { Int($0) } ?? 5
let requireOAuth = ResourceProtector()
requireOAuth.registerTokenValidator(store.bearerTokenValidator(cacheLifetime: .seconds(lifetime)))

let router = Router(context: BasicOAuthRequestContext.self)
router.get("hello") { _, _ in "Hello, world!" }
@Sendable func me(_ request: Request, _ context: BasicOAuthRequestContext) -> String {
    "client=\(context.oauth.token?.clientID ?? "")"
}
router.group("api/me").add(middleware: requireOAuth(scope: "profile")).get(use: me)
router.get("api/me-unguarded", use: me)
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil))
try await app.runService()
try await store.close()
