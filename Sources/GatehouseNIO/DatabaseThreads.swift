public import NIOCore
public import NIOPosix

/// The threads one embedded database runs on, owned together and shut down together: a pool of
/// one thread for its writer, a pool for its readers and an event loop of the writer's own.
///
/// A writer waiting in SQLite's busy handler for another process's write lock blocks its thread;
/// on the shared NIO pool it could starve the very transaction it waits for, and under load the
/// one writer's statements would queue behind dozens of reads. So a store's connections run on
/// threads of their own. The store asks for them here and never names a NIOPosix type.
public final class DatabaseThreads: Sendable {
    /// The writer's blocking-call pool (one thread).
    public let writerPool: NIOThreadPool
    /// The readers' blocking-call pool.
    public let readerPool: NIOThreadPool
    /// The event loop the writer's results and transactions stay on.
    public let writerLoop: any EventLoop
    private let writerLoopGroup: MultiThreadedEventLoopGroup

    /// Starts the threads.
    ///
    /// - Parameter readers: threads for the readers (at least one).
    public init(readers: Int) {
        writerPool = NIOThreadPool(numberOfThreads: 1)
        readerPool = NIOThreadPool(numberOfThreads: max(1, readers))
        writerPool.start()
        readerPool.start()
        writerLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        writerLoop = writerLoopGroup.next()
    }

    /// An event loop of the process-wide NIO group, for the readers' results and for timers.
    public static var sharedLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }

    /// Stops every thread once the work queued on it has run.
    public func shutdown() async throws {
        try await writerPool.shutdownGracefully()
        try await readerPool.shutdownGracefully()
        try await writerLoopGroup.shutdownGracefully()
    }
}
