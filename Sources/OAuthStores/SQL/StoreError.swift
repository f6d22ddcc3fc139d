import PostgresNIO
import SQLiteNIO

/// A storage failure: the database is unreachable, or a statement failed.
///
/// Details stay in ``underlying`` for the log; a server answers such errors with a generic
/// 503 or 500 and never shows them to clients.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable { case invalidURL, unavailable, failed }
    private let code: Code
    /// What went wrong, for the log.
    public let detail: String
    /// The driver's error, when there is one.
    public let underlying: (any Error)?

    /// The database URL could not be understood.
    public static func invalidURL(_ detail: String) -> StoreError { StoreError(code: .invalidURL, detail: detail, underlying: nil) }

    /// The database cannot be reached (down, refused, timed out).
    public static func unavailable(_ detail: String, underlying: (any Error)? = nil) -> StoreError {
        StoreError(code: .unavailable, detail: detail, underlying: underlying)
    }

    /// A statement failed.
    public static func failed(_ detail: String, underlying: (any Error)? = nil) -> StoreError {
        StoreError(code: .failed, detail: detail, underlying: underlying)
    }

    /// Whether retrying later may succeed (the database is down rather than the query wrong).
    public var isUnavailable: Bool { code == .unavailable }

    static func wrap(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? PostgresTransactionError {
            // The first thing that went wrong: BEGIN, the body, or COMMIT.
            let first = error.beginError ?? error.closureError ?? error.commitError ?? error.rollbackError
            return wrap(first ?? StoreError.failed("transaction failed"))
        }
        if let error = error as? PSQLError {
            return isUnavailable(error)
                ? .unavailable("database unavailable", underlying: error)
                : .failed("database statement failed", underlying: error)
        }
        if let error = error as? SQLiteError {
            switch error.reason {
            case .busy, .locked, .ioError, .full, .cantOpen, .busyTimeout, .busyInRecovery, .busyInSnapshot:
                return .unavailable("database unavailable", underlying: error)
            default:
                return .failed("database statement failed", underlying: error)
            }
        }
        let text = String(reflecting: error)
        let connectionTrouble = ["connect", "Connection", "closed", "refused", "timeout", "unavailable", "ECONNREFUSED"]
        if connectionTrouble.contains(where: text.contains) {
            return .unavailable("database unavailable", underlying: error)
        }
        return .failed("database statement failed", underlying: error)
    }

    /// Whether PostgreSQL could not be reached or refused work for now: a connection-level error,
    /// or a server error of class 08 (connection exception), 53 (insufficient resources) or 57
    /// (operator intervention: shutting down, starting up). Any other server error (a constraint,
    /// a syntax error) is the statement's fault: the database itself is fine.
    private static func isUnavailable(_ error: PSQLError) -> Bool {
        guard error.code == .server else { return error.code != .tooManyParameters }
        let state = error.serverInfo?[.sqlState] ?? ""
        return state.hasPrefix("08") || state.hasPrefix("53") || state.hasPrefix("57")
    }

    public var description: String {
        "StoreError(\(code)): \(detail)\(underlying.map { " — \(String(reflecting: $0))" } ?? "")"
    }
}
