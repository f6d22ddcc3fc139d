import GatehouseCommon

/// Gathers work that arrives while earlier work runs and processes it in batches: the first
/// submitter starts a drain, later ones wait in the queue, and each batch is handed to `process`
/// in arrival order. Every submitter resumes with its own result.
///
/// The database's serial points (SQLite's one writer, an `INSERT` per issued token) pay a few
/// round trips to a database thread per operation; under load, a batch pays them once for many.
final class Coalescer<Input: Sendable, Output: Sendable>: Sendable {
    /// Processes one batch, returning one result per input, in order.
    typealias Process = @Sendable ([Input]) async -> [Result<Output, any Error>]

    private struct Pending: Sendable {
        let input: Input
        let continuation: CheckedContinuation<Output, any Error>
    }

    private struct State {
        var draining = false
        var queue: [Pending] = []
    }

    private let maximumBatch: Int
    private let executor: (any TaskExecutor)?
    private let process: Process
    private let state = LockedValue(State())

    /// - Parameters:
    ///   - maximumBatch: the most inputs handed to `process` at once.
    ///   - executor: where batches are processed; `nil` for the global executor.
    ///   - process: the batch processor.
    init(maximumBatch: Int, executor: (any TaskExecutor)? = nil, process: @escaping Process) {
        self.maximumBatch = max(1, maximumBatch)
        self.executor = executor
        self.process = process
    }

    /// Queues `input` and returns its result once its batch has been processed.
    func submit(_ input: Input) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            let startsDraining = state.withLock { state in
                state.queue.append(Pending(input: input, continuation: continuation))
                if state.draining { return false }
                state.draining = true
                return true
            }
            if startsDraining { Task(executorPreference: executor) { await self.drain() } }
        }
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state -> [Pending] in
                guard !state.queue.isEmpty else {
                    state.draining = false
                    return []
                }
                let count = min(maximumBatch, state.queue.count)
                let batch = Array(state.queue.prefix(count))
                state.queue.removeFirst(count)
                return batch
            }
            if batch.isEmpty { return }
            let results = await process(batch.map(\.input))
            for (index, pending) in batch.enumerated() {
                guard index < results.count else {
                    pending.continuation.resume(throwing: StoreError.unavailable("a batched operation returned no result"))
                    continue
                }
                pending.continuation.resume(with: results[index])
            }
        }
    }
}
