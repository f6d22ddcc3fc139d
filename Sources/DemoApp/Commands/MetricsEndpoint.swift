import HTTPCore
import HTTPTypes
import Metrics
import NIOCore
import Prometheus

/// `serve --metrics-port P`: the process's metrics in the Prometheus text format at
/// `GET http://127.0.0.1:P/metrics`, served by a second HTTPCore app on loopback only, whatever
/// `--host` says (the numbers describe the server; they are for the operator's scraper, not the
/// internet).
enum MetricsEndpoint {
    /// The Prometheus text exposition format's content type.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Makes the swift-prometheus registry the process's swift-metrics backend. Call it once, before
    /// the servers and middleware that make their metrics are created.
    static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }

    /// The server answering `GET /metrics` on `127.0.0.1:port`, to run beside the site's own.
    static func makeServer(registry: PrometheusCollectorRegistry, port: Int) -> HTTPServer {
        let app = App(config: Config(), server: ServerConfiguration(host: "127.0.0.1", port: port))
        app.get("/metrics") { _ in
            Response(
                status: .ok,
                headers: [.contentType: contentType, .cacheControl: "no-store"],
                body: ByteBuffer(bytes: registry.emitToBuffer())
            )
        }
        return app.makeServer()
    }
}
