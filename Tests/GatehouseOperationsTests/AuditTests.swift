import GatehouseCommon
import GatehouseOperations
import Logging
import Synchronization
import Testing

struct AuditTests {
    final class Lines: Sendable {
        let entries = LockedValue<[(Logger.Level, String, Logger.Metadata)]>([])
        var all: [(Logger.Level, String, Logger.Metadata)] { entries.withLock { $0 } }
    }

    struct Handler: LogHandler {
        let lines: Lines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            lines.entries.withLock { $0.append((event.level, "\(event.message)", event.metadata ?? [:])) }
        }
    }

    final class Evaluations: Sendable {
        let count = Atomic<Int>(0)
        func metadata() -> Logger.Metadata {
            count.add(1, ordering: .relaxed)
            return ["client_id": "c1"]
        }
    }

    @Test func aRecordIsOneInfoLineNamedByItsEvent() throws {
        let lines = Lines()
        let audit = Audit(logger: Logger(label: Audit.label) { _ in Handler(lines: lines, logLevel: .info) })
        audit.record(.throttled, metadata: ["client_id": "c1", "address": "192.0.2.1"])
        let (level, message, metadata) = try #require(lines.all.first)
        #expect(level == .info)
        #expect(message == "throttled")
        #expect(metadata["event"] == "throttled")
        #expect(metadata["client_id"] == "c1")
        #expect(metadata["address"] == "192.0.2.1")
    }

    @Test func metadataIsNotBuiltWhenAuditIsOff() {
        let lines = Lines()
        let evaluations = Evaluations()
        let audit = Audit(logger: Logger(label: Audit.label) { _ in Handler(lines: lines, logLevel: .warning) })
        audit.record(.tokenIssued, metadata: evaluations.metadata())
        #expect(lines.all.isEmpty)
        #expect(evaluations.count.load(ordering: .relaxed) == 0)
    }

    @Test func applicationsAddTheirOwnEvents() {
        #expect(AuditEvent("consent_given").rawValue == "consent_given")
        #expect(AuditEvent.refreshTokenReuseDetected.description == "refresh_token_reuse_detected")
        #expect(AuditEvent(rawValue: "throttled") == .throttled)
    }
}
