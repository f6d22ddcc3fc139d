import Foundation
import HTTPCore
import NIOCore
import NIOPosix
import NIOSSL
import Testing

/// HTTPS from PEM files, over a real socket.
struct TLSTests {
    static let fixtures = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(
        "Fixtures"
    )

    @Test func servesHTTPSFromPEMFilesAndReportsTheScheme() async throws {
        let app = App(config: Config())
        app.get("/scheme") { request in .text("\(request.scheme) secure=\(request.isSecure)") }
        let tls = ServerConfiguration.TLSFiles(
            certificateChainPath: Self.fixtures.appendingPathComponent("test-cert.pem").path,
            privateKeyPath: Self.fixtures.appendingPathComponent("test-key.pem").path
        )
        let server = app.makeServer(ServerConfiguration(port: 0, tls: tls, accessLog: false))
        let running = Task { try await server.run() }
        let port = try await server.waitUntilListening()
        defer { server.shutdown() }

        // Trust exactly the test certificate, so the handshake is really verified.
        var client = TLSConfiguration.makeClientConfiguration()
        client.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(tls.certificateChainPath))
        let context = try NIOSSLContext(configuration: client)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: "localhost"))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let text = try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: "GET /scheme HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
            var received = ""
            do {
                for try await buffer in inbound { received += String(buffer: buffer) }
            } catch {
                // The server closes after the response; a TLS close without close_notify is fine here.
            }
            return received
        }
        #expect(text.hasPrefix("HTTP/1.1 200 OK"))
        #expect(text.hasSuffix("https secure=true"))

        // A plain-http client on the TLS port gets nothing served.
        let plain = try await RawConnection.connect(port: port)
        let (answer, _) = try await plain.exchange("GET /scheme HTTP/1.1\r\nHost: x\r\n\r\n", timeout: .seconds(3))
        #expect(!answer.contains("secure=true"))

        server.shutdown()
        try await running.value
    }
}
