import InMemoryTracing
import OAuthStores
import SQLKit
import Testing
import Tracing

/// Store calls run in tracing spans, children of the caller's span.
struct StoreTracingTests {
    @Test func readsAndWritesRunInClientSpans() async throws {
        let store = try await TestDatabase.sqlite.open()
        defer { Task { try? await store.close() } }
        let tracer = InMemoryTracer()
        try await withTracer(tracer) {
            try await withSpan("request") { _ in
                _ = try await store.read { database in try await database.raw("SELECT 1 AS one").first() }
                try await store.write { database in try await database.raw("SELECT 1 AS one").run() }
            }
        }
        let spans = tracer.finishedSpans
        let parent = try #require(spans.first { $0.operationName == "request" })
        let read = try #require(spans.first { $0.operationName == "SQLStore.read" })
        let write = try #require(spans.first { $0.operationName == "SQLStore.write" })
        for span in [read, write] {
            #expect(span.kind == .client)
            #expect(span.parentSpanID == parent.spanID)
            #expect(span.attributes.get("db.system") == .string("sqlite"))
        }
    }

    @Test func aFailedCallIsRecordedOnItsSpan() async throws {
        struct Refused: Error {}
        let store = try await TestDatabase.sqlite.open()
        defer { Task { try? await store.close() } }
        let tracer = InMemoryTracer()
        await withTracer(tracer) {
            _ = try? await store.write { _ in throw Refused() }
        }
        let write = try #require(tracer.finishedSpans.first { $0.operationName == "SQLStore.write" })
        #expect(write.errors.count == 1)
    }
}
