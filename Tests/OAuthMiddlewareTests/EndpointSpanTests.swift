import HTTPCore
import HTTPTypes
import InMemoryTracing
import OAuthMiddleware
import Testing
import Tracing

/// OAuth endpoints run in spans of their own, under the request's span from `TracingMiddleware`.
struct EndpointSpanTests {
    @Test func theTokenEndpointRunsInAChildSpan() async throws {
        let provider = try Provider()
        provider.app.use(TracingMiddleware())
        let tracer = InMemoryTracer()
        let app = provider.app
        try await withTracer(tracer) {
            try await app.test { client throws in
                let response = try await client.post(
                    "/oauth/token",
                    form: [("grant_type", "client_credentials")],
                    auth: .basic(username: "confidential", password: "s3cret")
                )
                #expect(response.status == .ok)
                _ = try await client.post("/oauth/token", form: [("grant_type", "client_credentials")])
            }
        }
        let requests = tracer.finishedSpans.filter { $0.operationName == "POST /oauth/token" }
        let endpoints = tracer.finishedSpans.filter { $0.operationName == "OAuth2.token" }
        #expect(requests.count == 2)
        #expect(endpoints.count == 2)
        for (request, endpoint) in zip(requests, endpoints) {
            #expect(endpoint.parentSpanID == request.spanID)
        }
        #expect(endpoints.first?.attributes.get("http.response.status_code") == .int64(200))
        #expect(endpoints.last?.attributes.get("http.response.status_code") == .int64(401))
    }
}
