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
        let text = String(reflecting: error)
        let connectionTrouble = ["connect", "Connection", "closed", "refused", "timeout", "unavailable", "ECONNREFUSED"]
        if connectionTrouble.contains(where: text.contains) {
            return .unavailable("database unavailable", underlying: error)
        }
        return .failed("database statement failed", underlying: error)
    }

    public var description: String {
        "StoreError(\(code)): \(detail)\(underlying.map { " — \(String(reflecting: $0))" } ?? "")"
    }
}
