public import Logging
import NIOConcurrencyHelpers
public import NIOCore
import NIOExtras
import NIOHTTP1
import NIOHTTPCompression
public import NIOPosix
import NIOSSL
public import ServiceLifecycle

/// The HTTP/1.1 server on SwiftNIO, as a swift-service-lifecycle `Service`: `run()` serves until
/// graceful shutdown is triggered (SIGINT/SIGTERM through a `ServiceGroup`), then stops accepting,
/// lets in-flight requests finish and returns.
///
/// Each connection's pipeline: optional TLS → request deadline (cuts off slow senders) → idle
/// timer → NIO's HTTP/1 codec with pipelining assistance and protocol-error handling → optional
/// gzip → `HTTPServerHandler`.
public final class HTTPServer: Service, Sendable {
    private let configuration: ServerConfiguration
    private let respond: @Sendable (Request) async -> Response
    private let group: any EventLoopGroup
    private let logger: Logger
    private let bound = NIOLockedValueBox<(channel: (any Channel)?, quiesce: ServerQuiescingHelper?)>((nil, nil))
    private let ready = NIOLockedValueBox<[CheckedContinuation<Int, any Error>]>([])

    /// Creates a server that answers every request with `respond`.
    ///
    /// - Parameters:
    ///   - configuration: where to listen and the limits to enforce.
    ///   - group: the event loops; NIO's shared singleton by default.
    ///   - logger: for start-up, shutdown and (when on) the access log.
    ///   - respond: produces a response for every request; it must not throw (map errors first).
    public init(
        configuration: ServerConfiguration,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger,
        respond: @escaping @Sendable (Request) async -> Response
    ) {
        self.configuration = configuration
        self.group = group
        self.logger = logger
        self.respond = respond
    }

    /// Binds, serves until graceful shutdown, then drains connections.
    public func run() async throws {
        let channel: any Channel
        do {
            channel = try await bind()
        } catch {
            failWaiters(error)
            throw error
        }
        let port = channel.localAddress?.port ?? configuration.port
        logger.info("Listening on \(configuration.tls == nil ? "http" : "https")://\(configuration.host):\(port)")
        resumeWaiters(port)
        // Cancellation too: a service group cancels its services when one of them fails (another
        // server that cannot bind, say), and a server waiting only for graceful shutdown would hang.
        try await withTaskCancellationOrGracefulShutdownHandler {
            try await channel.closeFuture.get()
        } onCancelOrGracefulShutdown: {
            self.shutdown()
        }
        logger.info("Server stopped")
    }

    /// Waits until the server is listening and returns its port (useful with port 0).
    public func waitUntilListening() async throws -> Int {
        if let port = bound.withLockedValue({ $0.channel?.localAddress?.port }) { return port }
        return try await withCheckedThrowingContinuation { continuation in
            ready.withLockedValue { $0.append(continuation) }
        }
    }

    /// Stops accepting connections and closes each one once its in-flight request is answered.
    public func shutdown() {
        let (channel, quiesce) = bound.withLockedValue { ($0.channel, $0.quiesce) }
        guard let channel, let quiesce else { return }
        let promise = channel.eventLoop.makePromise(of: Void.self)
        quiesce.initiateShutdown(promise: promise)
        let grace = configuration.shutdownGracePeriod
        let timeout = channel.eventLoop.scheduleTask(in: grace) { channel.close(promise: nil) }
        promise.futureResult.whenComplete { _ in
            timeout.cancel()
            channel.close(promise: nil)
        }
    }

    private func bind() async throws -> any Channel {
        let configuration = self.configuration
        let sslContext = try configuration.tls.map(Self.makeSSLContext)
        let quiesce = ServerQuiescingHelper(group: group)
        let handlerContext = HTTPServerHandler.Context(
            respond: respond,
            maxBodySize: configuration.maxBodySize,
            isTLS: sslContext != nil,
            trustedProxies: configuration.trustedProxies,
            accessLog: configuration.accessLog ? logger : nil,
            runsHandlersOnEventLoop: configuration.runsHandlersOnEventLoop
        )
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: configuration.backlog)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiesce.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try Self.configurePipeline(channel, configuration: configuration, sslContext: sslContext, context: handlerContext)
                }
            }
        let channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        bound.withLockedValue { $0 = (channel, quiesce) }
        return channel
    }

    /// One connection's pipeline. Internal, not private: the fuzz harness (`Fuzz/`, `@testable`)
    /// drives these exact handlers over an `EmbeddedChannel`.
    static func configurePipeline(
        _ channel: any Channel,
        configuration: ServerConfiguration,
        sslContext: NIOSSLContext?,
        context: HTTPServerHandler.Context
    ) throws {
        let pipeline = channel.pipeline.syncOperations
        if let sslContext {
            try pipeline.addHandler(NIOSSLServerHandler(context: sslContext))
        }
        try pipeline.addHandler(RequestDeadlineHandler(timeout: configuration.readTimeout))
        try pipeline.addHandler(IdleStateHandler(readTimeout: configuration.idleTimeout))
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderFieldSize = configuration.maxHeaderSize
        limits.maxHeaderListSize = configuration.maxHeaderSize
        limits.maxHeaderFieldCount = 200
        try pipeline.configureHTTPServerPipeline(
            withPipeliningAssistance: true,
            withErrorHandling: true,
            withOutboundHeaderValidation: true,
            withEncoderConfiguration: .init(),
            withDecoderLimitConfiguration: limits
        )
        if configuration.compression {
            // Skip the header inspection when the client did not ask for compression (most requests).
            try pipeline.addHandler(
                HTTPResponseCompressor(responseCompressionPredicate: { head, accepted in
                    accepted ? Self.shouldCompress(head) : .doNotCompress
                })
            )
        }
        try pipeline.addHandler(HTTPServerHandler(context: context))
    }

    /// Compress only bodies worth it: text-like types of at least 1 KiB, not already encoded, and
    /// never a response marked `Cache-Control: no-store`. Such a response carries a secret (a token,
    /// a client secret, a CSRF token, a consent decision), and compressing a secret next to
    /// attacker-reflected input leaks it through the compressed length (BREACH).
    static func shouldCompress(_ head: HTTPResponseHead) -> HTTPResponseCompressor.CompressionIntent {
        guard head.headers["content-encoding"].isEmpty,
            !head.headers["cache-control"].contains(where: { $0.lowercased().contains("no-store") }),
            let length = head.headers.first(name: "content-length").flatMap(Int.init), length >= 1024,
            let type = head.headers.first(name: "content-type")?.lowercased()
        else { return .doNotCompress }
        let compressible = type.hasPrefix("text/") || type.contains("json") || type.contains("xml") || type.contains("javascript")
        return compressible ? .compressIfPossible : .doNotCompress
    }

    private static func makeSSLContext(_ files: ServerConfiguration.TLSFiles) throws -> NIOSSLContext {
        let chain = try NIOSSLCertificate.fromPEMFile(files.certificateChainPath).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: files.privateKeyPath, format: .pem)
        let tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        return try NIOSSLContext(configuration: tls)
    }

    private func resumeWaiters(_ port: Int) {
        for waiter in ready.withLockedValue({ waiters in
            defer { waiters = [] }; return waiters
        }) { waiter.resume(returning: port) }
    }

    private func failWaiters(_ error: any Error) {
        for waiter in ready.withLockedValue({ waiters in
            defer { waiters = [] }; return waiters
        }) { waiter.resume(throwing: error) }
    }
}
