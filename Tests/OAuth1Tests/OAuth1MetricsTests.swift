import GatehouseCommon
import GatehouseOperations
import Metrics
import MetricsTestKit
import OAuth1
import OAuthTestSupport
import Testing

/// The OAuth 1 series: token credentials issued, endpoint errors by code, guard decisions.
struct OAuth1MetricsTests {
    let metrics = TestMetrics()

    func total(_ label: String, _ dimensions: [(String, String)]) -> Int64 {
        metrics.counterTotal(label: label, dimensions: dimensions)
    }

    @Test func tokenCredentialsAndErrorsAreCounted() async throws {
        let (server, _) = try withMetricsFactory(metrics) { try AuthorizationServerTests.makeServer() }
        let authorized = try await server.authorize()
        #expect(try await server.exchange(authorized).status == 200)
        #expect(try await server.exchange(authorized).status == 401)
        #expect(total(OAuthMetrics.tokensIssuedLabel, [("protocol", "oauth1"), ("grant_type", "token_credential")]) == 1)
        let errors = metrics.counters(label: OAuthMetrics.errorsLabel)
        #expect(errors.count == 1)
        #expect(errors.first?.dimensions.contains { $0 == ("protocol", "oauth1") } == true)
        #expect(errors.first?.totalValue == 1)
    }

    @Test func guardDecisionsAreCounted() async throws {
        let (protector, _) = try withMetricsFactory(metrics) { try ResourceProtectorTests.makeProtector() }
        _ = try await protector.validateRequest(try ResourceProtectorTests.signedRequest())
        _ = try await protector.validateRequest(try ResourceProtectorTests.signedRequest())
        _ = try? await protector.validateRequest(try ResourceProtectorTests.signedRequest(secret: "wrong"))
        let label = OAuthMetrics.guardDecisionsLabel
        #expect(total(label, [("protocol", "oauth1"), ("outcome", "allowed"), ("error", "none")]) == 2)
        let denied = metrics.counters(label: label).filter { counter in counter.dimensions.contains { $0 == ("outcome", "denied") } }
        #expect(denied.map(\.totalValue) == [1])
    }
}
