// `GET /hello` → 200 `text/plain; charset=utf-8` "Hello, world!" from Hummingbird 2, as its
// documentation shows: an `Application` over a `Router`.
//
// Usage: bench-hummingbird PORT
import Hummingbird

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let arguments = CommandLine.arguments
guard arguments.count > 1, let port = Int(arguments[1]) else {
    printError("usage: bench-hummingbird PORT")
    exit(2)
}

let router = Router()
router.get("hello") { _, _ in "Hello, world!" }
let app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil)
)
try await app.runService()

/// Writes a line to standard error (without touching the `stderr` global).
func printError(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}
