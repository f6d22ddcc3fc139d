import GatehouseNIO
import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1

/// The last handler of each connection: collects a request (head and body, within the size
/// limit), hands it to the app, and writes the response back.
///
/// NIO's `HTTPServerPipelineHandler` in front of it delivers pipelined requests one at a time,
/// so this handler deals with one request per connection at any moment.
final class HTTPServerHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// What the server needs to know to build and answer requests; shared by all connections.
    struct Context: Sendable {
        let respond: @Sendable (Request) async -> Response
        let maxBodySize: Int
        let isTLS: Bool
        let trustedProxies: Set<String>
        let accessLog: Logger?
        /// Run handlers on the connection's event loop (see ``ServerConfiguration/runsHandlersOnEventLoop``).
        let runsHandlersOnEventLoop: Bool
    }

    private enum State {
        case idle
        case receiving(HTTPRequestHead, ByteBuffer)
        /// The body was too large: the 413 is out; the rest of the request is dropped.
        case discarding
        case responding
    }

    private let shared: Context
    private var state = State.idle
    private var peerAddress: String?
    private var executor: EventLoopTaskExecutor?

    init(context: Context) {
        self.shared = context
    }

    func handlerAdded(context: ChannelHandlerContext) {
        peerAddress = context.channel.remoteAddress?.ipAddress
        if shared.runsHandlersOnEventLoop { executor = EventLoopTaskExecutor(eventLoop: context.eventLoop) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch (unwrapInboundIn(data), state) {
        case (.head(let head), .idle):
            if let length = head.headers.first(name: "content-length").flatMap(Int.init), length > shared.maxBodySize {
                rejectBody(context: context, version: head.version)
                return
            }
            state = .receiving(head, context.channel.allocator.buffer(capacity: 0))
        case (.body(var chunk), .receiving(let head, var body)):
            guard body.readableBytes + chunk.readableBytes <= shared.maxBodySize else {
                rejectBody(context: context, version: head.version)
                return
            }
            state = .responding  // release `body`'s storage reference before appending
            body.writeBuffer(&chunk)
            state = .receiving(head, body)
        case (.end, .receiving(let head, let body)):
            state = .responding
            context.triggerUserOutboundEvent(RequestProgressEvent.requestReceived, promise: nil)
            dispatch(head: head, body: body, context: context)
        case (_, .discarding):
            break
        default:
            // A part out of order: NIO's decoder never produces this; refuse rather than guess.
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            if case .responding = state { return }  // a slow handler is not an idle client
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    // MARK: - Answering

    private func dispatch(head: HTTPRequestHead, body: ByteBuffer, context: ChannelHandlerContext) {
        // After a CONNECT head NIO's decoder treats what follows as tunnel bytes, and its encoder
        // sends the answer without a body or length. This server is no proxy: close after
        // answering, which also ends that answer (RFC 9112 §6.3).
        let keepAlive = head.isKeepAlive && head.method != .CONNECT
        let request: Request
        do {
            request = try makeRequest(head: head, body: body)
        } catch {
            write(.text("Bad Request", status: .badRequest), method: .get, version: head.version, keepAlive: false, context: context)
            return
        }
        let respond = shared.respond
        let log = shared.accessLog
        let loop = context.eventLoop
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: loop)
        let started = log == nil ? 0 : NIODeadline.now().uptimeNanoseconds
        Task(executorPreference: executor) {
            let response = await respond(request)
            if let log {
                let micros = (NIODeadline.now().uptimeNanoseconds - started) / 1000
                log.info(
                    "\(request.method.rawValue) \(request.target) \(response.status.code) \(micros)µs",
                    metadata: ["client": "\(request.clientAddress ?? "-")"]
                )
            }
            if loop.inEventLoop {
                let (handler, context) = bound.value
                handler.write(response, method: request.method, version: head.version, keepAlive: keepAlive, context: context)
            } else {
                loop.execute {
                    let (handler, context) = bound.value
                    handler.write(response, method: request.method, version: head.version, keepAlive: keepAlive, context: context)
                }
            }
        }
    }

    private func makeRequest(head: HTTPRequestHead, body: ByteBuffer) throws -> Request {
        guard let method = HTTPRequest.Method(head.method.rawValue) else { throw HTTPError(.badRequest) }
        var fields = HTTPFields()
        fields.reserveCapacity(head.headers.count)
        var hosts = 0
        var contentTypes = 0
        for (name, value) in head.headers {
            guard let fieldName = HTTPField.Name(name) else { throw HTTPError(.badRequest) }
            if fieldName == .hostField {
                hosts += 1
                guard Self.isValidHost(value) else { throw HTTPError(.badRequest) }
            } else if fieldName == .contentType {
                contentTypes += 1
            }
            fields.append(HTTPField(name: fieldName, value: value))
        }
        // RFC 9112 §3.2: an HTTP/1.1 request without Host, or any request with two Host lines (or
        // an invalid one, checked above), gets 400. Two Content-Type lines leave the body's meaning
        // to whoever reads which one (a singleton field, RFC 9110 §8.3): refused as ambiguous.
        let needsHost = head.version.major > 1 || (head.version.major == 1 && head.version.minor >= 1)
        guard hosts <= 1, hosts == 1 || !needsHost, contentTypes <= 1 else { throw HTTPError(.badRequest) }
        let connection = ForwardedHeaders.connectionInfo(
            peer: peerAddress,
            isTLS: shared.isTLS,
            headers: fields,
            trustedProxies: shared.trustedProxies
        )
        return Request(
            method: method,
            target: head.uri,
            headers: fields,
            body: body,
            version: HTTPVersion(major: head.version.major, minor: head.version.minor),
            connection: connection
        )
    }

    /// Whether `value` is a valid `Host` field value: `uri-host [ ":" port ]` (RFC 9110 §7.2,
    /// RFC 3986 §3.2.2), that is a non-empty run of reg-name, IP-literal and port characters.
    /// Anything else (spaces, `/`, `?`, `@`, controls, non-ASCII) is refused with 400.
    static func isValidHost(_ value: String) -> Bool {
        guard !value.isEmpty else { return false }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                continue
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "%"), UInt8(ascii: ":"),
                UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"),
                UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
                UInt8(ascii: "="):
                continue
            default:
                return false
            }
        }
        return true
    }

    private func rejectBody(context: ChannelHandlerContext, version: NIOHTTP1.HTTPVersion) {
        state = .discarding
        context.triggerUserOutboundEvent(RequestProgressEvent.requestReceived, promise: nil)
        write(.text("Payload Too Large", status: .contentTooLarge), method: .post, version: version, keepAlive: false, context: context)
    }

    private func write(
        _ response: Response,
        method: HTTPRequest.Method,
        version: NIOHTTP1.HTTPVersion,
        keepAlive: Bool,
        context: ChannelHandlerContext
    ) {
        var headers = HTTPHeaders()
        headers.reserveCapacity(response.headers.count + 3)
        for field in response.headers where field.name != .contentLength && field.name != .connection {
            headers.add(name: field.name.rawName, value: field.value)
        }
        let status = response.status.code
        let hasBody = !(status < 200 || status == 204 || status == 304)
        if hasBody { headers.add(name: "content-length", value: String(response.body.readableBytes)) }
        if headers.first(name: "date") == nil { headers.add(name: "date", value: HTTPDate.now) }
        if !keepAlive {
            headers.add(name: "connection", value: "close")
        } else if version.major == 1 && version.minor == 0 {
            headers.add(name: "connection", value: "keep-alive")
        }
        let head = HTTPResponseHead(
            version: version,
            status: HTTPResponseStatus(statusCode: status, reasonPhrase: response.status.reasonPhrase),
            headers: headers
        )
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if hasBody && method != .head && response.body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(response.body))), promise: nil)
        }
        let discarding: Bool
        if case .discarding = state { discarding = true } else { discarding = false }
        if !discarding { state = .idle }
        if !keepAlive || discarding {
            let done = context.eventLoop.makePromise(of: Void.self)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: done)
            context.triggerUserOutboundEvent(RequestProgressEvent.responseSent, promise: nil)
            let channel = context.channel
            done.futureResult.whenComplete { _ in channel.close(promise: nil) }
        } else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            context.triggerUserOutboundEvent(RequestProgressEvent.responseSent, promise: nil)
        }
    }
}
