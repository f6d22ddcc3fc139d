import Foundation
import Synchronization
import Testing

/// Slow and silent clients against the built DemoApp: a connection that never sends, one that
/// goes quiet after a request, and one that trickles a request a byte a second are all cut off
/// by the server's timeouts, while ordinary requests on other connections keep being answered
/// quickly.
///
/// DemoApp serves with HTTPCore's ``ServerConfiguration`` defaults: `idleTimeout` 60 s (silence
/// between requests, `IdleStateHandler`) and `readTimeout` 30 s (a whole request once its first
/// byte arrived, `RequestDeadlineHandler`).
@Suite(.serialized)
struct SlowClientTests {
    static let idleTimeout = 60.0
    static let readTimeout = 30.0
    /// How late a close may come: the timer fires on an event loop, the client polls each second.
    static let slack = 8.0

    enum Kind: String, Sendable, CaseIterable {
        /// Connects and never sends a byte: the idle timeout applies.
        case silent
        /// Sends one complete request, reads the answer, then keeps the connection open and quiet.
        case quietAfterRequest
        /// Sends a request head one byte a second: the request deadline applies.
        case trickling
    }

    /// When each slow connection was closed by the server, in seconds after it started.
    final class Closures: Sendable {
        private let state = Mutex<[String: (seconds: Double, received: [UInt8])]>([:])

        func record(_ name: String, seconds: Double, received: [UInt8]) {
            state.withLock { $0[name] = (seconds, received) }
        }

        var all: [String: (seconds: Double, received: [UInt8])] { state.withLock { $0 } }
    }

    @Test func silentAndTricklingClientsAreCutOffWithoutStarvingOthers() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-slow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let demo = try await DemoProcess.serve(in: directory)
        defer { _ = demo.process.isRunning ? demo.process.terminate() : () }
        try #require(demo.process.isRunning, "DemoApp did not start: \(demo.output.text)")
        let port = demo.port
        let clientID = try #require(demo.printed("client_id", line: "OAuth 2 client"))
        let secret = try #require(demo.printed("client_secret", line: "OAuth 2 client"))
        let basic = "Authorization: Basic " + Data("\(clientID):\(secret)".utf8).base64EncodedString()

        let closures = Closures()
        var names: [String: Kind] = [:]
        let counts: [Kind: Int] = [.silent: 16, .quietAfterRequest: 4, .trickling: 8]
        let giveUp = Self.idleTimeout + Self.slack + 5
        for kind in Kind.allCases {
            for index in 0..<(counts[kind] ?? 0) {
                let name = "\(kind.rawValue)-\(index)"
                names[name] = kind
                Thread.detachNewThread {
                    Self.runSlowClient(kind, name: name, port: port, giveUp: giveUp, closures: closures)
                }
            }
        }

        // Ordinary traffic on fresh connections while the slow ones hang on. Starving would mean an
        // ordinary request is answered only once slow clients are cut off (30-60 s): so requests
        // must be answered while every slow client is still connected. (The 30-second deadlines
        // only end a hung test.)
        let started = Date()
        var slowest = 0.0
        var served = 0
        var servedWhileAllSlowClientsConnected = 0
        while closures.all.count < names.count, Date().timeIntervalSince(started) < giveUp + 2 {
            let begin = Date()
            let metadata = try await RawSocket.request(port: port, "GET", "/.well-known/oauth-authorization-server", deadline: 30)
            let token = try await RawSocket.request(
                port: port,
                "POST",
                "/oauth/token",
                headers: [basic, "Content-Type: application/x-www-form-urlencoded"],
                body: "grant_type=client_credentials&scope=profile",
                deadline: 30
            )
            slowest = max(slowest, Date().timeIntervalSince(begin))
            served += 1
            if closures.all.isEmpty { servedWhileAllSlowClientsConnected += 1 }
            #expect(metadata.status == 200 && token.status == 200, "ordinary requests: \(metadata.status), \(token.status)")
            try await Task.sleep(for: .seconds(2))
        }
        #expect(servedWhileAllSlowClientsConnected > 0, "no ordinary request was answered before a slow client was cut off")

        let closed = closures.all
        for (name, kind) in names.sorted(by: { $0.key < $1.key }) {
            guard let closure = closed[name] else {
                Issue.record("\(name) was never cut off (gave up after \(Int(giveUp)) s)")
                continue
            }
            // Cut off by its own timer: not before it (which timer fired), and at all (within
            // `giveUp`, past the timer and its slack).
            let limit = kind == .trickling ? Self.readTimeout : Self.idleTimeout
            #expect(closure.seconds >= limit - 2, "\(name) closed after \(closure.seconds) s; limit \(limit) s")
            // Cut off without an answer (RFC 9112 §8 allows it for an incomplete request), or with a 4xx.
            if let status = RawSocket.Response.parseAll(closure.received, method: "GET").first?.status, kind != .quietAfterRequest {
                #expect((400..<500).contains(status), "\(name) was answered \(status)")
            }
        }
        let summary = Kind.allCases.map { kind -> String in
            let seconds = closed.filter { names[$0.key] == kind }.map(\.value.seconds)
            let range = "\(String(format: "%.1f", seconds.min() ?? 0))–\(String(format: "%.1f", seconds.max() ?? 0)) s"
            return "\(seconds.count)/\(counts[kind] ?? 0) \(kind.rawValue) closed after \(range)"
        }
        print(
            "Slow clients: \(summary.joined(separator: ", ")); \(served) ordinary round trips meanwhile, slowest \(String(format: "%.3f", slowest)) s"
        )
        #expect(demo.process.isRunning)
        #expect(await demo.stop() == 0)
    }

    /// One slow client on its own thread: records when the server closed its connection.
    static func runSlowClient(_ kind: Kind, name: String, port: Int, giveUp: Double, closures: Closures) {
        guard let descriptor = try? RawSocket.connect(port: port) else {
            closures.record(name, seconds: -1, received: [])
            return
        }
        defer { close(descriptor) }
        var received: [UInt8] = []
        var started = Date()
        switch kind {
        case .silent:
            break
        case .quietAfterRequest:
            _ = RawSocket.sendAll(
                descriptor,
                Array("GET /.well-known/oauth-authorization-server HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8)
            )
            started = Date()
            while RawSocket.Response.parseAll(received, method: "GET").isEmpty, Date().timeIntervalSince(started) < 5 {
                if case .data(let chunk) = RawSocket.receive(descriptor, within: 1) { received += chunk }
            }
            received = []
        case .trickling:
            let request = Array(
                "POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Slow: \(String(repeating: "a", count: 200))".utf8
            )
            for byte in request {
                guard RawSocket.sendAll(descriptor, [byte]) else { break }
                switch RawSocket.receive(descriptor, within: 1) {
                case .data(let chunk): received += chunk
                case .closed:
                    closures.record(name, seconds: Date().timeIntervalSince(started), received: received)
                    return
                case .nothing: break
                }
                if Date().timeIntervalSince(started) > giveUp { return }
            }
        }
        while Date().timeIntervalSince(started) < giveUp {
            switch RawSocket.receive(descriptor, within: 1) {
            case .data(let chunk): received += chunk
            case .closed:
                closures.record(name, seconds: Date().timeIntervalSince(started), received: received)
                return
            case .nothing: break
            }
        }
    }
}
