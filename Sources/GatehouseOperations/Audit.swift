public import GatehouseCommon
public import Logging

/// Security-relevant events as structured log lines on the `gatehouse.audit` logger: who did
/// what, never a secret (no token, code or password values).
///
/// ```swift
/// Audit.record(.throttled, metadata: ["client_id": "\(clientID)", "address": "\(address)"])
/// ```
///
/// Each record is one `info` line whose message is the event name, with the metadata plus
/// `event`. Route the `gatehouse.audit` label to its own sink in the logging backend to keep an
/// audit trail; with swift-log's default backend the lines go to standard error with the rest.
/// The OAuth 2 authorization server records client authentication, token issuance and
/// revocation, and code or refresh-token reuse through its own ``Audit`` value.
public struct Audit: Sendable {
    /// The logger label of audit records.
    public static let label = "gatehouse.audit"

    /// The process-wide audit log that ``record(_:metadata:)-swift.type.method`` (static) and new servers use,
    /// created on first use from the bootstrapped logging backend.
    public static let shared = Audit()

    /// Where the records go.
    public var logger: Logger

    /// Creates an audit log writing to `logger`.
    ///
    /// - Parameter logger: **Default:** a logger labelled `gatehouse.audit`.
    public init(logger: Logger = Logger(label: Audit.label)) {
        self.logger = logger
    }

    /// Writes one record. The metadata is only built when the logger's level lets `info` through.
    ///
    /// - Parameters:
    ///   - event: what happened.
    ///   - metadata: who and what: `client_id`, `grant_type`, `address`, ... (never secrets).
    public func record(_ event: AuditEvent, metadata: @autoclosure () -> Logger.Metadata = [:]) {
        logger.info(
            "\(event.rawValue)",
            metadata: {
                var all = metadata()
                all["event"] = .string(event.rawValue)
                return all
            }()
        )
    }

    /// Writes one record to the shared audit log (``shared``).
    ///
    /// - Parameters:
    ///   - event: what happened.
    ///   - metadata: who and what (never secrets).
    public static func record(_ event: AuditEvent, metadata: @autoclosure () -> Logger.Metadata = [:]) {
        shared.record(event, metadata: metadata())
    }
}
