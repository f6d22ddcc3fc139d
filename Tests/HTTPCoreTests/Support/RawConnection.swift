import Foundation
import NIOCore
import NIOPosix

/// A raw TCP connection for tests that must control the bytes on the wire: pipelining, HTTP/1.0,
/// slow senders, oversized bodies.
struct RawConnection {
    let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>

    static func connect(port: Int) async throws -> RawConnection {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return RawConnection(channel: channel)
    }

    /// Sends `text`, then reads until `until` says the bytes so far are enough, the peer closes,
    /// or `timeout` passes. Returns what was read and whether the peer closed.
    func exchange(
        _ text: String?,
        timeout: Duration = .seconds(5),
        until: @escaping @Sendable (String) -> Bool = { _ in false }
    ) async throws -> (text: String, closed: Bool) {
        try await channel.executeThenClose { inbound, outbound in
            if let text { try await outbound.write(ByteBuffer(string: text)) }
            return try await Self.read(inbound, timeout: timeout, until: until)
        }
    }

    static func read(
        _ inbound: NIOAsyncChannelInboundStream<ByteBuffer>,
        timeout: Duration,
        until: @escaping @Sendable (String) -> Bool
    ) async throws -> (text: String, closed: Bool) {
        try await withThrowingTaskGroup(of: (String, Bool)?.self) { group in
            group.addTask {
                var received = ""
                do {
                    for try await buffer in inbound {
                        received += String(buffer: buffer)
                        if until(received) { return (received, false) }
                    }
                } catch {
                    // A reset after the server answered and closed counts as closed.
                }
                return (received, true)
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first ?? ("<timeout>", false)
        }
    }
}

extension String {
    /// How many complete HTTP responses (status lines) the text holds.
    var responseCount: Int { components(separatedBy: "HTTP/1.").count - 1 }
}
