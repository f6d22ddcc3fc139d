public import NIOCore

/// How the HTTP server listens and what it tolerates from clients.
///
/// Defaults are safe for a public server: bounded bodies and headers, idle connections closed,
/// slow senders cut off, forwarding headers ignored unless the peer is a configured proxy.
public struct ServerConfiguration: Sendable {
    /// Certificate chain and private key, as PEM files, for serving HTTPS.
    public struct TLSFiles: Sendable, Hashable {
        /// The PEM file holding the certificate chain, leaf first.
        public var certificateChainPath: String
        /// The PEM file holding the private key.
        public var privateKeyPath: String

        /// Names the two PEM files.
        public init(certificateChainPath: String, privateKeyPath: String) {
            self.certificateChainPath = certificateChainPath
            self.privateKeyPath = privateKeyPath
        }
    }

    /// The address to bind (default `127.0.0.1`).
    public var host: String
    /// The port to bind; `0` picks a free one (default 8080).
    public var port: Int
    /// Largest request body accepted; a larger one gets 413 without being read into memory (default 1 MiB).
    public var maxBodySize: Int
    /// Largest request head (request line and header fields) accepted (default 32 KiB).
    public var maxHeaderSize: Int
    /// How long a connection may stay silent between requests (default 60 s).
    public var idleTimeout: TimeAmount
    /// How long a client may take to send a whole request once it has started (default 30 s).
    /// A client that trickles bytes is cut off when this runs out.
    public var readTimeout: TimeAmount
    /// Peer addresses whose `X-Forwarded-Proto`/`-For`/`-Host` and `Forwarded` headers are believed.
    public var trustedProxies: Set<String>
    /// Serve HTTPS with these files; `nil` serves plain HTTP.
    public var tls: TLSFiles?
    /// Gzip compressible responses when the client accepts it (default on).
    public var compression: Bool
    /// Log one line per request at `info` level (default on).
    public var accessLog: Bool
    /// Pending-connection queue length (default 256).
    public var backlog: Int32
    /// How long graceful shutdown waits for in-flight requests before closing connections (default 10 s).
    public var shutdownGracePeriod: TimeAmount
    /// Start each request's handler on its connection's event loop (default on): no thread hop
    /// between the network code and the handler (in the hello-world benchmark the hops took a
    /// fifth of the CPU time). Actor-isolated code still runs on its actor. Turn it off if
    /// handlers block the thread (synchronous CPU-heavy work, blocking I/O): they then run on
    /// Swift's global executor and cannot stall other connections' I/O.
    public var runsHandlersOnEventLoop: Bool

    /// Creates a configuration; every parameter has a safe default.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        maxBodySize: Int = 1 << 20,
        maxHeaderSize: Int = 32 * 1024,
        idleTimeout: TimeAmount = .seconds(60),
        readTimeout: TimeAmount = .seconds(30),
        trustedProxies: Set<String> = [],
        tls: TLSFiles? = nil,
        compression: Bool = true,
        accessLog: Bool = true,
        backlog: Int32 = 256,
        shutdownGracePeriod: TimeAmount = .seconds(10),
        runsHandlersOnEventLoop: Bool = true
    ) {
        self.host = host
        self.port = port
        self.maxBodySize = maxBodySize
        self.maxHeaderSize = maxHeaderSize
        self.idleTimeout = idleTimeout
        self.readTimeout = readTimeout
        self.trustedProxies = trustedProxies
        self.tls = tls
        self.compression = compression
        self.accessLog = accessLog
        self.backlog = backlog
        self.shutdownGracePeriod = shutdownGracePeriod
        self.runsHandlersOnEventLoop = runsHandlersOnEventLoop
    }
}
