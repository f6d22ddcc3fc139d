import GatehouseCommon
public import Logging
public import ServiceLifecycle
public import Vapor

/// Runs a swift-service-lifecycle `Service` (the store's `PurgeService`, say) for as long as a Vapor
/// application runs: started once the application has booted, cancelled and awaited when it shuts
/// down, so the service stops before the store it uses is closed.
///
/// ```swift
/// app.lifecycle.use(ServiceLifecycleHandler(PurgeService(store: store)))
/// ```
///
/// A service that throws is logged; the application keeps serving.
public final class ServiceLifecycleHandler: LifecycleHandler {
    private let service: any Service
    private let logger: Logger
    private let running = LockedValue<Task<Void, Never>?>(nil)

    /// Wraps `service`; its failures go to `logger`.
    public init(_ service: any Service, logger: Logger = Logger(label: "Gatehouse.ServiceLifecycleHandler")) {
        self.service = service
        self.logger = logger
    }

    /// Starts the service in a task of its own.
    public func didBootAsync(_ application: Application) async throws {
        let service = self.service
        let logger = self.logger
        running.withLock { task in
            task?.cancel()
            task = Task {
                do {
                    try await service.run()
                } catch is CancellationError {
                } catch {
                    logger.error("Service failed", metadata: ["service": "\(type(of: service))", "error": "\(String(reflecting: error))"])
                }
            }
        }
    }

    /// Cancels the service and waits until it has returned.
    public func shutdownAsync(_ application: Application) async {
        let task = running.withLock { task in
            defer { task = nil }
            return task
        }
        task?.cancel()
        await task?.value
    }
}
