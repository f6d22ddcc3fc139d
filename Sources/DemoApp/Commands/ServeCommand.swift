import ArgumentParser
import Foundation
import GatehouseCommon
import HTTPCore
import OAuthStores

/// `DemoApp serve` (the default): runs the provider and client site.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the demo site (the default command).")

    @OptionGroup var options: DatabaseOptions
    @Option(help: "The address to bind.") var host: String = "127.0.0.1"
    @Option(help: "The port to bind.") var port: Int = 8080
    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain: serve HTTPS.") var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: "PEM private key for --tls-cert.") var tlsKey: String?
    @Option(
        name: .customLong("metrics-port"),
        help: "Serve Prometheus metrics at http://127.0.0.1:<port>/metrics (loopback only, whatever --host is)."
    )
    var metricsPort: Int?

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
        if let metricsPort {
            guard (1...65535).contains(metricsPort) else { throw ValidationError("--metrics-port must be between 1 and 65535") }
            guard metricsPort != port else { throw ValidationError("--metrics-port must differ from --port") }
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        LoopbackHost.isLoopback(host)
    }

    func run() async throws {
        // With TZ unset, glibc stats /etc/localtime again for every log line's timestamp (audit
        // lines are written per token): name the zone file once instead. An explicit TZ is kept.
        if getenv("TZ") == nil { setenv("TZ", ":/etc/localtime", 0) }
        try await reportingErrors {
            // Before anything makes its metrics: servers and middleware bind to the backend they find.
            let metricsRegistry = metricsPort.map { _ in MetricsEndpoint.bootstrap() }
            let config = try await Config.load(jsonFile: options.config)
            let loopback = Self.isLoopback(host)
            if tlsCert == nil, !loopback, !config.isSet("AUTHLIB_INSECURE_TRANSPORT") {
                throw CommandFailure("refusing plain http on \(host): give --tls-cert and --tls-key, or set AUTHLIB_INSECURE_TRANSPORT")
            }
            if tlsCert == nil, loopback, !config.isSet("AUTHLIB_INSECURE_TRANSPORT") {
                // Decided per request: plain http only for requests that name a loopback host, so a
                // plain-http proxy or a DNS-rebinding page naming another host is still refused.
                config["AUTHLIB_INSECURE_TRANSPORT"] = "loopback"
                say("note: plain http on a loopback address: OAuth endpoints accept it for requests to a loopback host only")
            }
            let scheme = tlsCert == nil ? "http" : "https"
            let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            let origin = "\(scheme)://\(authority)"
            if config.string("OAUTH2_ISSUER") == nil { config["OAUTH2_ISSUER"] = origin }

            if config.string("SECRET_KEY") == nil {
                say(
                    "note: SECRET_KEY is not set: a generated one is kept in the database, so a copy of the database alone opens the sealed keys and tokens; set SECRET_KEY in production"
                )
            }
            let store = try await options.openStore()
            try await DemoSeed.seedIfEmpty(store: store, origin: origin)
            let site = try await DemoSite(
                store: store,
                config: config,
                origin: origin,
                middleware: metricsRegistry == nil ? [] : [MetricsMiddleware()]
            )
            site.app.serverConfiguration = ServerConfiguration(
                host: host,
                port: port,
                tls: tlsCert.flatMap { cert in tlsKey.map { ServerConfiguration.TLSFiles(certificateChainPath: cert, privateKeyPath: $0) } }
            )
            if let metricsRegistry, let metricsPort {
                site.app.addService(MetricsEndpoint.makeServer(registry: metricsRegistry, port: metricsPort))
                say("Metrics on http://127.0.0.1:\(metricsPort)/metrics")
            }
            say("Gatehouse demo on \(origin)  (database: \(options.databaseURL))")
            do {
                try await site.app.run()
            } catch {
                let text = String(reflecting: error)
                if text.contains("Address already in use") || text.contains("EADDRINUSE") {
                    let metrics = metricsPort.map { " or metrics port \($0) on 127.0.0.1" } ?? ""
                    throw CommandFailure("port \(port) on \(host)\(metrics) is already in use")
                }
                if text.contains("Cannot assign requested address") || text.contains("EADDRNOTAVAIL") {
                    throw CommandFailure("cannot bind \(host): no such local address")
                }
                throw error
            }
            try? await store.close()
        }
    }
}
