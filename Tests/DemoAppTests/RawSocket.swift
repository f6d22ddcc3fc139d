import Foundation

/// A plain POSIX TCP connection to the DemoApp on loopback, for bytes no HTTP client would send
/// (malformed request lines, lying framing, raw NUL and CR/LF) and for reading whatever comes back
/// within a deadline, including nothing at all.
///
/// Every call blocks its thread, so the async entry points run the work on a Dispatch thread and
/// never hold one of Swift's few cooperative threads while waiting on the network.
enum RawSocket {
    /// What one connection saw: the bytes received, whether the server closed, whether the
    /// deadline ran out first, and how long it took.
    struct Exchange: Sendable {
        var received: [UInt8]
        var closedByServer: Bool
        var timedOut: Bool
        var seconds: Double
        var responses: [Response]

        /// The first final (non-1xx) response, if one arrived whole.
        var response: Response? { responses.first { $0.status >= 200 } }
    }

    /// One parsed HTTP/1.1 response.
    struct Response: Sendable {
        var status: Int
        var headers: [Field]
        var body: [UInt8]
        /// The response had a body but neither `Content-Length` nor `Transfer-Encoding`: it ends
        /// only when the server closes the connection (RFC 9112 §6.3, item 8).
        var endsAtClose = false

        struct Field: Sendable {
            var name: String
            var value: String
        }

        /// The first value of `name` (case-insensitive).
        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        var text: String { String(decoding: body, as: UTF8.self) }

        /// Parses the responses in `bytes`: the first one answers `method` (no body for `HEAD`),
        /// any later ones (pipelined requests) are read as answering `GET`. A response without
        /// `Content-Length` takes the rest of the bytes. An incomplete response is left out.
        static func parseAll(_ bytes: [UInt8], method: String) -> [Response] {
            var responses: [Response] = []
            var offset = 0
            let separator: [UInt8] = [13, 10, 13, 10]
            while offset < bytes.count {
                guard let end = RawSocket.find(separator, in: bytes, from: offset) else { break }
                let head = String(decoding: bytes[offset..<end], as: UTF8.self)
                var lines = head.components(separatedBy: "\r\n")
                let statusLine = lines.removeFirst().split(separator: " ")
                guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/"), let status = Int(statusLine[1]) else { break }
                let headers = lines.compactMap { line -> Field? in
                    guard let colon = line.firstIndex(of: ":") else { return nil }
                    return Field(
                        name: String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                        value: String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                    )
                }
                var response = Response(status: status, headers: headers, body: [])
                let bodyStart = end + separator.count
                let noBody = (responses.isEmpty && method == "HEAD") || status < 200 || status == 204 || status == 304
                if noBody {
                    offset = bodyStart
                } else if let length = response.header("content-length").flatMap(Int.init) {
                    guard bytes.count - bodyStart >= length else { break }
                    response.body = Array(bytes[bodyStart..<(bodyStart + length)])
                    offset = bodyStart + length
                } else {
                    response.body = Array(bytes[bodyStart...])
                    response.endsAtClose = response.header("transfer-encoding") == nil
                    offset = bytes.count
                }
                responses.append(response)
            }
            return responses
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    // MARK: - Async entry points

    /// Sends `bytes` on a fresh connection and collects the answer (see ``exchangeNow``).
    static func exchange(
        port: Int,
        bytes: [UInt8],
        method: String,
        halfClose: Bool = false,
        deadline: Double = 5
    ) async throws -> Exchange {
        try await offloaded { try exchangeNow(port: port, bytes: bytes, method: method, halfClose: halfClose, deadline: deadline) }
    }

    /// A well-formed request with `Connection: close`; returns its response or throws.
    static func request(
        port: Int,
        _ method: String,
        _ target: String,
        headers: [String] = [],
        body: String? = nil,
        deadline: Double = 10
    ) async throws -> Response {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for header in headers { text += header + "\r\n" }
        if let body { text += "Content-Length: \(body.utf8.count)\r\n" }
        text += "\r\n" + (body ?? "")
        let exchange = try await exchange(port: port, bytes: Array(text.utf8), method: method, deadline: deadline)
        guard let response = exchange.response else {
            throw Failure(description: "no response to \(method) \(target) (closed: \(exchange.closedByServer))")
        }
        return response
    }

    /// Runs blocking work on a Dispatch thread.
    static func offloaded<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    // MARK: - Blocking primitives

    /// Connects to `127.0.0.1:port`.
    static func connect(port: Int) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket() failed: \(errno)") }
        #if !os(Linux)
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Foundation.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(descriptor)
            throw Failure(description: "connect to port \(port) failed: \(errno)")
        }
        return descriptor
    }

    /// Writes all of `bytes`; `false` once the peer has closed (no SIGPIPE).
    static func sendAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        #if os(Linux)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, flags) }
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            sent += count
        }
        return true
    }

    /// Waits up to `seconds` for bytes: `.data`, `.closed` (EOF or reset) or `.nothing`.
    static func receive(_ descriptor: Int32, within seconds: Double) -> Received {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(max(0, seconds * 1000)))
        guard ready > 0 else { return .nothing }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count > 0 { return .data(Array(buffer[..<count])) }
        if count < 0 && errno == EINTR { return .nothing }
        return .closed
    }

    enum Received {
        case data([UInt8])
        case closed
        case nothing
    }

    /// Sends `bytes`, optionally half-closes, then reads until the server closes, or a complete
    /// response has been followed by a quarter second of quiet (pipelined answers), or `deadline`.
    static func exchangeNow(port: Int, bytes: [UInt8], method: String, halfClose: Bool, deadline: Double) throws -> Exchange {
        let descriptor = try connect(port: port)
        defer { close(descriptor) }
        let started = Date()
        _ = sendAll(descriptor, bytes)
        if halfClose { shutdown(descriptor, Int32(SHUT_WR)) }
        var received: [UInt8] = []
        var closed = false
        var timedOut = false
        reading: while true {
            let remaining = deadline - Date().timeIntervalSince(started)
            let complete = Response.parseAll(received, method: method).contains { $0.status >= 200 }
            if remaining <= 0 {
                timedOut = !complete
                break
            }
            switch receive(descriptor, within: complete ? min(remaining, 0.25) : min(remaining, 0.5)) {
            case .data(let chunk):
                received += chunk
            case .closed:
                closed = true
                break reading
            case .nothing:
                if complete { break reading }
            }
        }
        return Exchange(
            received: received,
            closedByServer: closed,
            timedOut: timedOut,
            seconds: Date().timeIntervalSince(started),
            responses: Response.parseAll(received, method: method)
        )
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        outer: while index <= haystack.count - needle.count {
            for offset in 0..<needle.count where haystack[index + offset] != needle[offset] {
                index += 1
                continue outer
            }
            return index
        }
        return nil
    }
}
