import GatehouseNIO
import NIOCore
import Vapor

extension Vapor.Request {
    /// Runs `body` in a task that prefers this request's event loop and answers its future.
    ///
    /// Vapor's `AsyncMiddleware` bridge starts its task on the global executor, which may be
    /// another thread: the guard then pays a hop there and back on every request. Here the task
    /// runs on the loop that owns the connection, as the route's own handler does.
    func respondOnEventLoop(_ body: @escaping @Sendable () async throws -> Vapor.Response) -> EventLoopFuture<Vapor.Response> {
        let promise = eventLoop.makePromise(of: Vapor.Response.self)
        Task(executorPreference: EventLoopTaskExecutor(eventLoop: eventLoop)) {
            do {
                promise.succeed(try await body())
            } catch {
                promise.fail(error)
            }
        }
        return promise.futureResult
    }
}
