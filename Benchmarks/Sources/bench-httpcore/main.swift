// `GET /hello` → 200 `text/plain; charset=utf-8` "Hello, world!" from an HTTPCore app.
//
// Usage: bench-httpcore PORT
// Environment:
//   BENCH_NIO_EXECUTOR=1   install NIO's event loops as Swift concurrency's global executor
//                          (removes the thread hop between the NIO loop and the handler's Task)
//   BENCH_HANDLERS_OFF_LOOP=1  run handlers on Swift's global executor instead of the
//                          connection's event loop (`runsHandlersOnEventLoop: false`, the
//                          behaviour before the benchmark work)
//   BENCH_COMPRESSION=1    keep HTTPCore's gzip stage in the pipeline (off by default; the
//                          response is under the 1 KiB threshold either way)
import HTTPCore
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let environment = ProcessInfoLite.environment
if environment["BENCH_NIO_EXECUTOR"] == "1" {
    let installed = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    printError("bench-httpcore: NIO global executor installed: \(installed)")
}

let arguments = CommandLine.arguments
guard arguments.count > 1, let port = Int(arguments[1]) else {
    printError("usage: bench-httpcore PORT")
    exit(2)
}

let app = App(config: Config())
app.get("/hello") { _ in .text("Hello, world!") }
app.serverConfiguration = ServerConfiguration(
    host: "127.0.0.1",
    port: port,
    compression: environment["BENCH_COMPRESSION"] == "1",
    accessLog: false,
    runsHandlersOnEventLoop: environment["BENCH_HANDLERS_OFF_LOOP"] != "1"
)
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
