public import NIOCore

/// A task executor that runs jobs on one NIO event loop.
///
/// HTTPCore starts each request's handler as a `Task` preferring the connection's event loop, so
/// the handler (and the non-isolated async code it awaits) runs on the thread that read the request
/// and writes the response: no hop to Swift's global executor and back, which under load cost more
/// than the rest of the request. OAuthStores runs SQLite's writer on a loop of its own the same way,
/// so the database's serial point never waits behind HTTP work. Actor-isolated code still runs on
/// its actor.
public final class EventLoopTaskExecutor: TaskExecutor {
    /// The loop every job runs on.
    public let eventLoop: any EventLoop

    /// Creates an executor for `eventLoop`.
    public init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// Runs `job` on the event loop (the `TaskExecutor` requirement).
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
