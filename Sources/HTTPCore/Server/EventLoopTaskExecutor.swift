import NIOCore

/// A task executor that runs jobs on one NIO event loop.
///
/// The server starts each request's handler as a `Task` preferring the connection's event loop,
/// so the handler (and the non-isolated async code it awaits) runs on the thread that read the
/// request and writes the response: no hop to Swift's global executor and back, which under load
/// cost more than the rest of the request. Actor-isolated code still runs on its actor.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
