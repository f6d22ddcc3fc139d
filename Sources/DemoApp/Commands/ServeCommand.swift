import ArgumentParser
import Foundation
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

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    func run() async throws {
        try await reportingErrors {
            let config = try await Config.load(jsonFile: options.config)
            let loopback = Self.isLoopback(host)
            if tlsCert == nil, !loopback, !config.isSet("AUTHLIB_INSECURE_TRANSPORT") {
                throw CommandFailure("refusing plain http on \(host): give --tls-cert and --tls-key, or set AUTHLIB_INSECURE_TRANSPORT")
            }
            if tlsCert == nil, loopback {
                config["AUTHLIB_INSECURE_TRANSPORT"] = "1"
                say("note: plain http on a loopback address: OAuth endpoints behave as if AUTHLIB_INSECURE_TRANSPORT were set")
            }
            let scheme = tlsCert == nil ? "http" : "https"
            let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            let origin = "\(scheme)://\(authority)"
            if config.string("OAUTH2_ISSUER") == nil { config["OAUTH2_ISSUER"] = origin }

            let store = try await options.openStore()
            try await DemoSeed.seedIfEmpty(store: store, origin: origin)
            let site = try await DemoSite(store: store, config: config, origin: origin)
            site.app.serverConfiguration = ServerConfiguration(
                host: host,
                port: port,
                tls: tlsCert.flatMap { cert in tlsKey.map { ServerConfiguration.TLSFiles(certificateChainPath: cert, privateKeyPath: $0) } }
            )
            say("Gatehouse demo on \(origin)  (database: \(options.databaseURL))")
            do {
                try await site.app.run()
            } catch {
                let text = String(reflecting: error)
                if text.contains("Address already in use") || text.contains("EADDRINUSE") {
                    throw CommandFailure("port \(port) on \(host) is already in use")
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
