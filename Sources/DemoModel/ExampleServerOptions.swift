public import ArgumentParser
import Foundation
import GatehouseCommon
public import GatehouseConfig

/// The command line every framework adapter's example server takes (`scripts/example
/// hummingbird|vapor [--host H] [--port P] [--database URL]`), with DemoApp's meaning, and the
/// settings derived from it.
public struct ExampleServerOptions: ParsableArguments {
    /// Address to listen on.
    @Option(help: "Address to listen on.")
    public var host = "127.0.0.1"

    /// Port to listen on.
    @Option(help: "Port to listen on.")
    public var port = 8080

    /// The database URL given on the command line.
    @Option(
        help: "Database URL: a SQLite file path (default gatehouse-demo.sqlite) or postgres://user:pass@host:port/db (also DATABASE_URL)."
    )
    public var database: String?

    /// Creates the defaults (ArgumentParser fills them in).
    public init() {}

    /// The database: `--database`, else `DATABASE_URL`, else `gatehouse-demo.sqlite`, as DemoApp.
    public var databaseURL: String {
        database ?? ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "gatehouse-demo.sqlite"
    }

    /// `http://host:port`, the origin the metadata names.
    public var origin: String { "http://\(host.contains(":") ? "[\(host)]" : host):\(port)" }

    /// The settings from the environment (`OAUTH2_*`, `OAUTH1_*`, `AUTHLIB_INSECURE_TRANSPORT`):
    /// on a loopback address plain http is accepted for requests to a loopback host, as DemoApp
    /// does, and the issuer defaults to ``origin``.
    ///
    /// - Throws: `ValidationError` for plain http on another address without `AUTHLIB_INSECURE_TRANSPORT`.
    public func config() throws -> Config {
        let config = Config.environment()
        guard LoopbackHost.isLoopback(host) || config.isSet("AUTHLIB_INSECURE_TRANSPORT") else {
            throw ValidationError("refusing plain http on \(host): set AUTHLIB_INSECURE_TRANSPORT, or serve on a loopback address")
        }
        if !config.isSet("AUTHLIB_INSECURE_TRANSPORT") { config["AUTHLIB_INSECURE_TRANSPORT"] = "loopback" }
        if config.string("OAUTH2_ISSUER") == nil { config["OAUTH2_ISSUER"] = origin }
        return config
    }
}
