public import GatehouseCommon

/// The failures recorded under one key.
public struct FailureRecord: Sendable, Hashable {
    /// How many failures since the count last started over.
    public var count: Int
    /// When the last one happened, in Unix seconds.
    public var lastFailure: Int

    /// Creates a record.
    public init(count: Int, lastFailure: Int) {
        self.count = count
        self.lastFailure = lastFailure
    }
}

/// Where a ``Throttle`` counts failed attempts: ``MemoryFailureCounter`` for one process, a SQL table
/// (OAuthStores' `SQLFailureCounter`) so that every node behind one database counts together.
public protocol FailureCounter: Sendable {
    /// The live records of `keys` (forgotten ones are absent).
    ///
    /// - Parameters:
    ///   - keys: the accounts and addresses to look up.
    ///   - now: the current time in Unix seconds.
    func records(_ keys: [String], now: Int) async throws -> [String: FailureRecord]

    /// Adds one failure under `key`, atomically: concurrent failures are all counted. A record whose
    /// last failure is `forgetAfter` seconds old or more starts over at one.
    ///
    /// - Returns: the record after this failure.
    func recordFailure(_ key: String, now: Int, forgetAfter: Int) async throws -> FailureRecord

    /// Forgets every failure under `key` (after a success).
    func reset(_ key: String) async throws
}
