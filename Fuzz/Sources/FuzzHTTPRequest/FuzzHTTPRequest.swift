// Raw bytes from a client, through the server's own connection pipeline (request deadline, idle
// timer, NIO's HTTP/1 decoder with pipelining and protocol-error handling, gzip, HTTPServerHandler)
// on an EmbeddedChannel, into an App whose routes read everything a request carries: path and route
// parameters, query, form and JSON bodies, cookies, the signed session cookie, trusted-proxy headers,
// and the OAuth 1 / OAuth 2 views of the request.
//
// Oracles: no crash or sanitizer report, no hang, and the server never answers 5xx (every bad input
// is the client's fault: a 4xx or a closed connection).

import FuzzSupport
import GatehouseCommon
import HTTPTypes
import NIOCore
import NIOEmbedded
import OAuth1
import OAuth2
import OAuthMiddleware

@testable import HTTPCore

/// The limits are small so that the fuzzer reaches them with short inputs.
let configuration = ServerConfiguration(
    maxBodySize: 1024,
    maxHeaderSize: 2048,
    trustedProxies: ["127.0.0.1"],
    compression: true,
    accessLog: false,
    runsHandlersOnEventLoop: true  // the handler's task runs on the EmbeddedEventLoop: one thread, deterministic
)

let app = makeApp()

let handlerContext = HTTPServerHandler.Context(
    respond: { request in await app.respond(to: request) },
    maxBodySize: configuration.maxBodySize,
    isTLS: false,
    trustedProxies: configuration.trustedProxies,
    accessLog: nil,
    runsHandlersOnEventLoop: configuration.runsHandlersOnEventLoop
)

func makeApp() -> App {
    let app = App(config: Config(), server: configuration)
    if let sessions = try? SessionMiddleware(secret: String(repeating: "fuzz-session-secret-", count: 2)) {
        app.use(sessions)
    }
    app.get("/") { _ in .text("ok") }
    app.on([.get, .post, .put, .delete, .patch], "/echo") { request in
        var lines = [
            "path=\(try request.path)",
            "raw=\(request.rawPath)",
            "url=\(request.url)",
            "host=\(request.host ?? "-")",
            "client=\(request.clientAddress ?? "-")",
            "secure=\(request.isSecure)",
            "type=\(request.mediaType ?? "-")",
        ]
        for pair in try request.query.pairs { lines.append("q \(pair.name)=\(pair.value)") }
        for (name, value) in request.cookies.sorted(by: { $0.key < $1.key }) { lines.append("c \(name)=\(value)") }
        return .text(lines.joined(separator: "\n"))
    }
    app.post("/form") { request in
        let form = try request.form()
        return .form(form)
    }
    app.post("/json") { request in
        let object = try request.decode([String: JSONValue].self)
        return try .json(object)
    }
    app.post("/text") { request in .text(try request.bodyText()) }
    app.get("/users/:id/items/:item") { request in
        .text("\(request.parameters["id"] ?? "")/\(request.parameters["item"] ?? "")")
    }
    app.get("/files/**") { request in .text(request.parameters.tail ?? "") }
    app.get("/big") { _ in .text(String(repeating: "gatehouse ", count: 300)) }
    app.on([.get, .post], "/session") { request in
        let session = try request.session
        let previous = session["value"] ?? "-"
        if let value = try request.query["set"] { session["value"] = value }
        if try request.query["clear"] != nil { session.clear() }
        return .text(previous)
    }
    app.on([.get, .post], "/oauth2") { request in
        let oauth = try request.oauth2Request()
        var lines = [oauth.method, oauth.uri, oauth.authorizationScheme ?? "-", oauth.bearerToken ?? "-"]
        if let credentials = try oauth.basicCredentials() { lines.append("\(credentials.username):\(credentials.password)") }
        lines.append(contentsOf: oauth.data.pairs.map { "\($0.name)=\($0.value)" })
        return .text(lines.joined(separator: "\n"))
    }
    app.on([.get, .post], "/oauth1") { request in
        let oauth = try request.oauth1Request()
        return .text(oauth.signatureBaseString)
    }
    return app
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let channel = EmbeddedChannel()
    do {
        // A peer address, so that the trusted-proxy headers are read.
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 40000)).wait()
        try HTTPServer.configurePipeline(channel, configuration: configuration, sslContext: nil, context: handlerContext)
    } catch {
        fuzzFailure("cannot set up the pipeline: \(error)")
    }
    var input = channel.allocator.buffer(capacity: size)
    input.writeBytes(UnsafeRawBufferPointer(start: data, count: size))
    // A malformed request makes the decoder fail; the server answers 400 and closes. That error
    // also surfaces here, which is expected.
    _ = try? channel.writeInbound(input)

    var output: [UInt8] = []
    // Each round runs the request tasks queued on the loop; a pipelined request is released once
    // the previous response is written, so loop until nothing new comes out.
    for _ in 0..<256 {
        channel.embeddedEventLoop.run()
        var wrote = false
        while let part = try? channel.readOutbound(as: ByteBuffer.self) {
            output.append(contentsOf: part.readableBytesView)
            wrote = true
        }
        if !wrote { break }
    }
    _ = try? channel.finish(acceptAlreadyClosed: true)
    verbose(String(decoding: output, as: UTF8.self))
    checkNoServerError(output)
    return 0
}

/// Fails when a response in `output` has a 5xx status. Walks the responses one by one (status
/// line, head, `content-length` bytes of body) so that a body echoing "HTTP/1.1 500" is not taken
/// for a response; stops quietly at anything it cannot follow (a connection cut mid-response).
func checkNoServerError(_ output: [UInt8]) {
    var index = 0
    let headEnd = Array("\r\n\r\n".utf8)
    while index + 12 <= output.count {
        let statusLine = output[index...].prefix { $0 != UInt8(ascii: "\r") }
        guard statusLine.starts(with: "HTTP/1.".utf8), statusLine.count >= 12 else { return }
        if statusLine[statusLine.startIndex + 9] == UInt8(ascii: "5") {
            fuzzFailure("the server answered \(String(decoding: statusLine, as: UTF8.self))")
        }
        guard let end = output[index...].firstRange(of: headEnd) else { return }
        let head = String(decoding: output[index..<end.lowerBound], as: UTF8.self).lowercased()
        var length = 0
        for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
            length = Int(line.dropFirst("content-length:".count).trimmingPrefix(" ")) ?? 0
        }
        index = end.upperBound + length
    }
}
