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
/// resets it. This handler sits before the HTTP decoder, notes when the first byte of a request
/// arrives and closes the connection if the request handler has not reported the request complete
/// by `timeout` later.
///
/// One timer per connection is armed lazily and re-armed only when it fires while a request is
/// still arriving, so a keep-alive connection serving many quick requests schedules almost no
/// timers (scheduling and cancelling one per request showed in profiles).
final class RequestDeadlineHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = Any
    typealias OutboundOut = Any

    private enum State { case waiting, receiving, handling }

    private let timeout: TimeAmount
    private var state = State.waiting
    /// When the request being received started arriving.
    private var started = NIODeadline.uptimeNanoseconds(0)
    private var timer: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if state == .waiting {
            state = .receiving
            started = .now()
            if timer == nil { arm(context: context, deadline: started + timeout) }
        }
        context.fireChannelRead(data)
    }

    private func arm(context: ChannelHandlerContext, deadline: NIODeadline) {
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(deadline: deadline) {
            let (handler, context) = bound.value
            handler.timerFired(context: context)
        }
    }

    private func timerFired(context: ChannelHandlerContext) {
        timer = nil
        guard state == .receiving else { return }
        let deadline = started + timeout
        if NIODeadline.now() >= deadline {
            context.close(promise: nil)
        } else {
            arm(context: context, deadline: deadline)
        }
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let progress = event as? RequestProgressEvent else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        switch progress {
        case .requestReceived:
            state = .handling
        case .responseSent:
            if state == .handling { state = .waiting }
        }
        promise?.succeed()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }
}
