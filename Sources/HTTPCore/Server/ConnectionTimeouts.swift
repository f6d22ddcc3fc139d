import NIOCore

/// Events the request handler sends toward the front of the pipeline so ``RequestDeadlineHandler``
/// knows when a request has fully arrived and when the connection is waiting again.
enum RequestProgressEvent: Sendable {
    case requestReceived
    case responseSent
}

/// Cuts off a client that starts a request and does not finish sending it in time.
///
/// An idle timer alone cannot catch a client that trickles one byte every few seconds: each byte
/// resets it. This handler sits before the HTTP decoder, arms a deadline on the first byte of a
/// request and disarms it when the request handler reports the request complete.
final class RequestDeadlineHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = Any
    typealias OutboundOut = Any

    private enum State { case waiting, receiving, handling }

    private let timeout: TimeAmount
    private var state = State.waiting
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if state == .waiting {
            state = .receiving
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            deadline = context.eventLoop.scheduleTask(in: timeout) {
                bound.value.close(promise: nil)
            }
        }
        context.fireChannelRead(data)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let progress = event as? RequestProgressEvent else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        switch progress {
        case .requestReceived:
            deadline?.cancel()
            deadline = nil
            state = .handling
        case .responseSent:
            if state == .handling { state = .waiting }
        }
        promise?.succeed()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }
}
