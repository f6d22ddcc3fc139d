import Foundation
import HTTPCore
import HTTPTypes
import NIOCore
import Testing

/// Tests over a real loopback socket.
struct ServerTests {
    /// Starts `app` on a free port with `configure` applied, runs `body`, then shuts down.
    func withServer<T: Sendable>(
        _ app: App,
        configure: (inout ServerConfiguration) -> Void = { _ in },
        _ body: (Int, HTTPServer) async throws -> T
    ) async throws -> T {
        var configuration = ServerConfiguration(port: 0, accessLog: false)
        configure(&configuration)
        let server = app.makeServer(configuration)
        let running = Task { try await server.run() }
        let port = try await server.waitUntilListening()
        do {
            let value = try await body(port, server)
            server.shutdown()
            try await running.value
            return value
        } catch {
            server.shutdown()
            _ = try? await running.value
            throw error
        }
    }

    func helloApp() -> App {
        let app = App(config: Config())
        app.get("/hello") { _ in .text("Hello, world!") }
        app.post("/echo") { request in .text("got \(request.body.readableBytes)") }
        app.get("/slow") { _ in
            try await Task.sleep(for: .milliseconds(500))
            return .text("finally")
        }
        app.get("/who") { request in .text("\(request.scheme) \(request.clientAddress ?? "-") \(request.host ?? "-")") }
        app.get("/big") { _ in .text(String(repeating: "compress me ", count: 500)) }
        app.get("/big-secret") { _ in
            var response = Response.text(String(repeating: "secret ", count: 500))
            response.headers[.cacheControl] = "no-store"
            return response
        }
        return app
    }

    @Test func servesOverLiveSocketWithTestClient() async throws {
        try await helloApp().test(.live) { client throws in
            let response = try await client.get("/hello")
            #expect(response.status == .ok)
            #expect(response.text == "Hello, world!")
            #expect(response.headers[.contentLength] == "13")
            #expect(response.headers[.date] != nil)
        }
    }

    @Test func http10ClosesByDefaultAndKeepsAliveOnRequest() async throws {
        try await withServer(helloApp()) { port, _ in
            let plain = try await RawConnection.connect(port: port)
            let (text, closed) = try await plain.exchange("GET /hello HTTP/1.0\r\n\r\n")
            #expect(text.hasPrefix("HTTP/1.0 200 OK"))
            #expect(text.lowercased().contains("connection: close"))
            #expect(text.hasSuffix("Hello, world!"))
            #expect(closed)

            let keepAlive = try await RawConnection.connect(port: port)
            let (kept, keptClosed) = try await keepAlive.exchange(
                "GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
                timeout: .seconds(1)
            ) { $0.hasSuffix("Hello, world!") }
            #expect(kept.lowercased().contains("connection: keep-alive"))
            #expect(!keptClosed)
        }
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() async throws {
        try await withServer(helloApp()) { port, _ in
            let connection = try await RawConnection.connect(port: port)
            try await connection.channel.executeThenClose { inbound, outbound in
                var iterator = inbound.makeAsyncIterator()
                for _ in 0..<3 {
                    try await outbound.write(ByteBuffer(string: "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"))
                    var received = ""
                    while !received.hasSuffix("Hello, world!"), let buffer = try await iterator.next() {
                        received += String(buffer: buffer)
                    }
                    #expect(received.hasPrefix("HTTP/1.1 200 OK"))
                }
            }
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await withServer(helloApp()) { port, _ in
            let connection = try await RawConnection.connect(port: port)
            let requests =
                "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n" + "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
            let (text, _) = try await connection.exchange(requests) { $0.responseCount == 3 && $0.hasSuffix("got 3") }
            let finally = try #require(text.range(of: "finally"))
            let hello = try #require(text.range(of: "Hello, world!"))
            let echo = try #require(text.range(of: "got 3"))
            #expect(finally.lowerBound < hello.lowerBound && hello.lowerBound < echo.lowerBound)
        }
    }

    @Test func oversizedBodyIs413WithoutReadingIt() async throws {
        try await withServer(helloApp(), configure: { $0.maxBodySize = 1024 }) { port, _ in
            let declared = try await RawConnection.connect(port: port)
            let (text, closed) = try await declared.exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\npartial")
            #expect(text.hasPrefix("HTTP/1.1 413"))
            #expect(closed)

            let chunked = try await RawConnection.connect(port: port)
            let chunk = String(repeating: "a", count: 800)
            let body = "320\r\n\(chunk)\r\n320\r\n\(chunk)\r\n0\r\n\r\n"
            let (chunkedText, _) = try await chunked.exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
            #expect(chunkedText.hasPrefix("HTTP/1.1 413"))

            let small = try await RawConnection.connect(port: port)
            let (ok, _) = try await small.exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello")
            #expect(ok.hasSuffix("got 5"))
        }
    }

    @Test func oversizedHeadersAreRefused() async throws {
        try await withServer(helloApp(), configure: { $0.maxHeaderSize = 1024 }) { port, _ in
            let connection = try await RawConnection.connect(port: port)
            let (text, closed) = try await connection.exchange(
                "GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 4096))\r\n\r\n"
            )
            #expect(text.hasPrefix("HTTP/1.1 4"))
            #expect(closed)
        }
    }

    @Test func malformedRequestLineGets400() async throws {
        try await withServer(helloApp()) { port, _ in
            let connection = try await RawConnection.connect(port: port)
            let (text, _) = try await connection.exchange("NOT A REQUEST\r\n\r\n")
            #expect(text.hasPrefix("HTTP/1.1 400"))
        }
    }

    @Test func idleConnectionIsClosed() async throws {
        try await withServer(helloApp(), configure: { $0.idleTimeout = .milliseconds(300) }) { port, _ in
            let connection = try await RawConnection.connect(port: port)
            // The server closes the idle connection; the read's own limit only ends a hung test.
            let (_, closed) = try await connection.exchange(nil, timeout: .seconds(30))
            #expect(closed)
        }
    }

    @Test func slowSenderIsCutOffWithoutStarvingOthers() async throws {
        try await withServer(
            helloApp(),
            configure: {
                $0.readTimeout = .milliseconds(600); $0.idleTimeout = .seconds(10)
            }
        ) { port, _ in
            let slow = try await RawConnection.connect(port: port)
            let closed = try await slow.channel.executeThenClose { inbound, outbound in
                // One byte every 100 ms (about 7 s in all): each byte would reset an idle timer, so
                // only the 600 ms read deadline closes the connection before the head is sent.
                for byte in "GET /hello HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaa".utf8 {
                    do {
                        try await outbound.write(ByteBuffer(bytes: [byte]))
                    } catch {
                        return true
                    }
                    try await Task.sleep(for: .milliseconds(100))
                }
                // Every byte went out: closed now only if the deadline had closed it already (an
                // idle timer would still have 10 s to run).
                return try await RawConnection.read(inbound, timeout: .seconds(2), until: { _ in false }).closed
            }
            #expect(closed)
            // Others are still served.
            let other = try await RawConnection.connect(port: port)
            let (text, _) = try await other.exchange("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(text.hasSuffix("Hello, world!"))
        }
    }

    @Test func gracefulShutdownFinishesInFlightRequests() async throws {
        let started = Log()
        let app = helloApp()
        app.get("/slow-signal") { _ in
            started.append("started")
            try await Task.sleep(for: .milliseconds(500))
            return .text("finally")
        }
        let server = app.makeServer(ServerConfiguration(port: 0, accessLog: false))
        let running = Task { try await server.run() }
        let port = try await server.waitUntilListening()
        let connection = try await RawConnection.connect(port: port)
        let inFlight = Task {
            try await connection.exchange("GET /slow-signal HTTP/1.1\r\nHost: x\r\n\r\n", timeout: .seconds(10)) { $0.hasSuffix("finally") }
        }
        // Shut down only once the handler is running, however loaded the machine is.
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)  // only ends a hung test
        while started.all.isEmpty, clock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(!started.all.isEmpty)
        server.shutdown()
        let (text, _) = try await inFlight.value
        #expect(text.hasPrefix("HTTP/1.1 200 OK"))
        #expect(text.hasSuffix("finally"))
        try await running.value  // run() returns once drained
        await #expect(throws: (any Error).self) { _ = try await RawConnection.connect(port: port) }
    }

    @Test func forwardedHeadersCountOnlyFromTrustedProxies() async throws {
        let headers = "X-Forwarded-Proto: https\r\nX-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Host: example.com\r\n"
        try await withServer(helloApp()) { port, _ in
            let connection = try await RawConnection.connect(port: port)
            let (text, _) = try await connection.exchange("GET /who HTTP/1.1\r\nHost: local\r\n\(headers)Connection: close\r\n\r\n")
            #expect(text.hasSuffix("http 127.0.0.1 local"))
        }
        try await withServer(helloApp(), configure: { $0.trustedProxies = ["127.0.0.1"] }) { port, _ in
            let connection = try await RawConnection.connect(port: port)
            let (text, _) = try await connection.exchange("GET /who HTTP/1.1\r\nHost: local\r\n\(headers)Connection: close\r\n\r\n")
            #expect(text.hasSuffix("https 203.0.113.7 example.com"))
        }
    }

    @Test func compressibleResponsesAreGzippedWhenAsked() async throws {
        try await withServer(helloApp()) { port, _ in
            let gzip = try await RawConnection.connect(port: port)
            let (text, _) = try await gzip.exchange("GET /big HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n")
            #expect(text.lowercased().contains("content-encoding: gzip"))
            let plain = try await RawConnection.connect(port: port)
            let (plainText, _) = try await plain.exchange("GET /big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(!plainText.lowercased().contains("content-encoding"))
            #expect(plainText.contains("compress me compress me"))
        }
    }

    /// BREACH: a response that carries a secret (marked `no-store`) is never compressed.
    @Test func noStoreResponsesAreNeverCompressed() async throws {
        try await withServer(helloApp()) { port, _ in
            let gzip = try await RawConnection.connect(port: port)
            let (text, _) = try await gzip.exchange(
                "GET /big-secret HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, deflate\r\nConnection: close\r\n\r\n"
            )
            #expect(text.hasPrefix("HTTP/1.1 200 OK"))
            #expect(!text.lowercased().contains("content-encoding"))
            #expect(text.contains("secret secret"))
        }
    }

    @Test func headResponseHasNoBody() async throws {
        try await withServer(helloApp()) { port, _ in
            let connection = try await RawConnection.connect(port: port)
            let (text, _) = try await connection.exchange("HEAD /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(text.hasPrefix("HTTP/1.1 200 OK"))
            #expect(text.lowercased().contains("content-length: 13"))
            #expect(!text.contains("Hello"))
        }
    }
}
