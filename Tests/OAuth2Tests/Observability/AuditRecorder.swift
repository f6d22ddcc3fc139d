import GatehouseCommon
import GatehouseOperations
import Logging

/// An ``Audit`` whose records are kept for assertions: a log handler that stores each line.
final class AuditRecorder: Sendable {
    struct Record: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    private let records = LockedValue<[Record]>([])

    var audit: Audit {
        Audit(logger: Logger(label: Audit.label) { _ in Handler(recorder: self) })
    }

    var all: [Record] { records.withLock { $0 } }

    /// The records of `event`.
    func records(_ event: AuditEvent) -> [Record] { all.filter { $0.message == event.rawValue } }

    fileprivate func append(_ record: Record) { records.withLock { $0.append(record) } }

    private struct Handler: LogHandler {
        let recorder: AuditRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            var flat: [String: String] = [:]
            for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { flat[key] = "\(value)" }
            recorder.append(Record(level: event.level, message: "\(event.message)", metadata: flat))
        }
    }
}
