#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value shared between tasks and threads, read and changed only under a POSIX mutex.
///
/// Gatehouse's caches, tables and setup locks use this instead of the standard library's `Mutex`
/// for two reasons found on Linux. `Mutex` waits on a priority-inheritance futex, and a lock handed
/// over by the kernel is invisible to the thread sanitizer, which then reports races between
/// accesses the lock does order; and under contention that futex is slower than a plain
/// `pthread_mutex_t` (swiftlang/swift#88440), which is what the OAuth 1 guard's key table meets at
/// every request. GatehouseCommon depends on no package, so this is the few lines of
/// `NIOLockedValueBox` it needs, not a dependency on SwiftNIO.
///
/// ```swift
/// let counts = LockedValue([String: Int]())
/// counts.withLock { $0["seen", default: 0] += 1 }
/// ```
public final class LockedValue<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    @usableFromInline var value: Value

    /// Creates the lock holding `value`.
    public init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        // Fails only for invalid attributes; there are none.
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed: \(status)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with the value, holding the lock for exactly that long.
    @inlinable
    public func withLock<Result, Failure: Error>(
        _ body: (inout Value) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        lock()
        defer { unlock() }
        return try body(&value)
    }

    @usableFromInline func lock() { pthread_mutex_lock(mutex) }

    @usableFromInline func unlock() { pthread_mutex_unlock(mutex) }
}
