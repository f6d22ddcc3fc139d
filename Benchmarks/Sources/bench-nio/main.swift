// `GET /hello` → 200 `text/plain; charset=utf-8` "Hello, world!" from a bare SwiftNIO server:
// ServerBootstrap + configureHTTPServerPipeline + one minimal inbound handler. The baseline.
//
// Usage: bench-nio PORT
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Answers every request with the hello response (404 for other paths), honouring keep-alive.
final class HelloHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private var keepAlive = true
    private var found = true
    private var version = HTTPVersion.http1_1

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            keepAlive = head.isKeepAlive
            found = head.uri == "/hello"
            version = head.version
        case .body:
            break
        case .end:
            let body = found ? "Hello, world!" : "Not Found"
            var headers = HTTPHeaders()
            headers.add(name: "content-type", value: "text/plain; charset=utf-8")
            headers.add(name: "content-length", value: String(body.utf8.count))
            headers.add(name: "date", value: DateCache.now)
            if !keepAlive { headers.add(name: "connection", value: "close") }
            let head = HTTPResponseHead(version: version, status: found ? .ok : .notFound, headers: headers)
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: body)))), promise: nil)
            if keepAlive {
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            } else {
                let channel = context.channel
                context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
            }
        }
    }
}

/// The `Date` header, formatted once per second per thread (the peers send one too).
enum DateCache {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    nonisolated(unsafe) private static let cache = ThreadSpecificVariable<Box>()

    final class Box {
        var second = -1
        var text = ""
    }

    static var now: String {
        let box: Box
        if let existing = cache.currentValue {
            box = existing
        } else {
            box = Box()
            cache.currentValue = box
        }
        let second = time(nil)
        if box.second != second {
            var seconds = second
            var parts = tm()
            gmtime_r(&seconds, &parts)
            box.second = second
            box.text =
                "\(days[Int(parts.tm_wday)]), \(pad(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
                + "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec)) GMT"
        }
        return box.text
    }

    private static func pad(_ value: Int32) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}

let arguments = CommandLine.arguments
guard arguments.count > 1, let port = Int(arguments[1]) else {
    printError("usage: bench-nio PORT")
    exit(2)
}

let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
    .serverChannelOption(.backlog, value: 256)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
    .childChannelOption(.maxMessagesPerRead, value: 16)
    .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
            try channel.pipeline.syncOperations.addHandler(HelloHandler())
        }
    }
let channel = try bootstrap.bind(host: "127.0.0.1", port: port).wait()
printError("bench-nio listening on 127.0.0.1:\(port)")
try channel.closeFuture.wait()

/// Writes a line to standard error (without touching the `stderr` global).
func printError(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}
