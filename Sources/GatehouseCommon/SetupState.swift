public import Synchronization

/// Settings an object collects while it is set up, frozen once into an immutable snapshot that
/// every request then reads without a lock: "configure, then serve".
///
/// Servers, guards and apps keep their registrations here. Until ``freeze(finishing:)`` (called when the app
/// starts serving, or by the first request) ``update(_:_:)`` changes the setup under a lock; after
/// it, ``snapshot`` is one atomic load, and a late change is a programming error reported with
/// what was attempted, never a silent race with requests in flight.
///
/// ```swift
/// let state = SetupState(Registrations(), owner: "AuthorizationServer")
/// state.update("register a grant") { $0.grants.append(grant) }
/// let grants = state.snapshot.value.grants       // lock-free once frozen
/// ```
public final class SetupState<Value: Sendable>: Sendable {
    /// The frozen settings.
    public final class Snapshot: Sendable {
        /// The settings as they were when frozen.
        public let value: Value

        init(_ value: Value) { self.value = value }
    }

    /// The setup until frozen, then `nil`.
    private let setup: LockedValue<Value?>
    /// The snapshot once frozen (retained once, released in `deinit`).
    /// (Visible to inlined code: the frozen path of ``read(_:)`` and ``snapshot`` is inlined into
    /// the protocol modules and specialised there, with no generic metadata look-up per request.)
    @usableFromInline let published = Atomic<Unmanaged<Snapshot>?>(nil)
    private let owner: String

    /// Creates the setup of `owner` (named in the error for a late change).
    public init(_ initial: Value, owner: String) {
        self.setup = LockedValue(initial)
        self.owner = owner
    }

    deinit {
        published.load(ordering: .acquiring)?.release()
    }

    /// Whether the settings are frozen.
    public var isFrozen: Bool { published.load(ordering: .acquiring) != nil }

    /// Changes the setup.
    ///
    /// - Precondition: not frozen: changing a server after it started serving is a programming
    ///   error, reported with `action` and the owner's name.
    public func update<Result>(_ action: String, _ body: (inout Value) throws -> Result) rethrows -> Result {
        try setup.withLock { setup in
            guard var value = setup else {
                preconditionFailure("\(owner): cannot \(action) once it serves requests; set it up before the app starts")
            }
            defer { setup = value }
            return try body(&value)
        }
    }

    /// Reads part of the settings without copying the rest: under the lock before freezing, with
    /// one atomic load after.
    @inlinable
    public func read<Result>(_ body: (Value) throws -> Result) rethrows -> Result {
        if let snapshot = published.load(ordering: .acquiring) { return try body(snapshot.takeUnretainedValue().value) }
        return try readSetup(body)
    }

    /// ``read(_:)`` before freezing: under the lock.
    @usableFromInline
    func readSetup<Result>(_ body: (Value) throws -> Result) rethrows -> Result {
        try setup.withLock { setup in
            if let value = setup { return try body(value) }
            return try body(snapshot.value)
        }
    }

    /// The settings: the setup so far, or the frozen snapshot's.
    public var current: Value {
        if let snapshot = published.load(ordering: .acquiring) { return snapshot.takeUnretainedValue().value }
        return setup.withLock { $0 } ?? snapshot.value
    }

    /// The frozen settings, freezing them first if needed; one atomic load once frozen.
    @inlinable
    public var snapshot: Snapshot {
        if let snapshot = published.load(ordering: .acquiring) { return snapshot.takeUnretainedValue() }
        return freeze()
    }

    /// The frozen settings, `nil` before ``freeze(finishing:)``; one atomic load.
    @inlinable
    public var frozenSnapshot: Snapshot? {
        published.load(ordering: .acquiring)?.takeUnretainedValue()
    }

    /// Freezes the settings and returns the snapshot; when already frozen, returns it unchanged.
    ///
    /// - Parameter finishing: last changes made under the lock before freezing (building what the
    ///   request path needs from the setup, say); runs once, by whichever caller freezes first.
    @discardableResult
    public func freeze(finishing: (inout Value) -> Void = { _ in }) -> Snapshot {
        setup.withLock { setup in
            if let snapshot = published.load(ordering: .acquiring) { return snapshot.takeUnretainedValue() }
            guard var value = setup else { preconditionFailure("\(owner): frozen without a snapshot") }
            finishing(&value)
            let snapshot = Snapshot(value)
            published.store(Unmanaged.passRetained(snapshot), ordering: .releasing)
            setup = nil
            return snapshot
        }
    }
}
