import Dispatch
import Synchronization

/// Runs `body` to completion on the calling thread and returns its result.
///
/// libFuzzer calls `LLVMFuzzerTestOneInput` synchronously; the Gatehouse cores are `async`. The
/// work runs as a task that prefers ``FuzzThreadExecutor``, whose jobs the calling thread runs
/// itself until the result is in. So the task starts, finishes and is freed before this returns:
/// nothing is left allocated behind libFuzzer's back (it counts mallocs and frees per input, and
/// runs a costly leak scan whenever they differ), and the input's work is deterministic. Code
/// that hops to an actor or the global executor still works: its continuation comes back through
/// the executor's queue. A hang is still caught by libFuzzer's `-timeout`.
public func runBlocking<Value: Sendable>(_ body: sending @escaping () async -> Value) -> Value {
    let executor = FuzzThreadExecutor.shared
    let result = Mutex<Value?>(nil)
    Task(executorPreference: executor) {
        let value = await body()
        result.withLock { $0 = value }
    }
    while true {
        executor.runNextJob()
        if let value = result.withLock({ $0.take() }) {
            // The job that produced the value also ended the task; run whatever it enqueued.
            executor.drain()
            return value
        }
    }
}

/// A task executor whose jobs are run by whoever calls ``runNextJob()``: the fuzzing thread.
public final class FuzzThreadExecutor: TaskExecutor, Sendable {
    /// The one instance: inputs run one after another.
    public static let shared = FuzzThreadExecutor()

    private let jobs = Mutex<[UnownedJob]>([])
    private let available = DispatchSemaphore(value: 0)

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        jobs.withLock { $0.append(job) }
        available.signal()
    }

    /// Waits for a job and runs it.
    public func runNextJob() {
        available.wait()
        guard let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { return }
        job.runSynchronously(on: asUnownedTaskExecutor())
    }

    /// Runs the jobs already queued, without waiting for more.
    public func drain() {
        while available.wait(timeout: .now()) == .success {
            guard let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { continue }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
