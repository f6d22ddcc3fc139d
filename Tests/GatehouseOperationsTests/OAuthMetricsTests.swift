import GatehouseCommon
import GatehouseOperations
import Metrics
import MetricsTestKit
import Testing

struct OAuthMetricsTests {
    let metrics = TestMetrics()

    @Test func eachLabelValueGetsOneCounterReusedAfterwards() throws {
        let oauth = OAuthMetrics(.oauth2, factory: metrics)
        oauth.recordTokenIssued(grantType: "client_credentials")
        oauth.recordTokenIssued(grantType: "client_credentials")
        oauth.recordTokenIssued(grantType: "password")
        let counters = metrics.counters(label: OAuthMetrics.tokensIssuedLabel)
        #expect(counters.count == 2)
        let credentials = try metrics.expectCounter(
            OAuthMetrics.tokensIssuedLabel,
            [("protocol", "oauth2"), ("grant_type", "client_credentials")]
        )
        #expect(credentials.values == [1, 1])
    }

    @Test func guardDecisionsAlwaysCarryTheSameLabelNames() {
        let oauth = OAuthMetrics(.oauth1, factory: metrics)
        oauth.recordGuardAllowed()
        oauth.recordGuardDenied(error: "invalid_token")
        let names = metrics.counters(label: OAuthMetrics.guardDecisionsLabel).map { $0.dimensions.map(\.0) }
        #expect(names.count == 2)
        #expect(names.allSatisfy { $0 == ["protocol", "outcome", "error"] })
    }

    @Test func errorsAreCountedByCode() throws {
        let oauth = OAuthMetrics(.oauth2, factory: metrics)
        oauth.recordError("invalid_grant")
        #expect(try metrics.expectCounter(OAuthMetrics.errorsLabel, [("protocol", "oauth2"), ("error", "invalid_grant")]).totalValue == 1)
    }

    @Test func theDefaultFactoryIsTheOneCurrentAtCreation() throws {
        let oauth = withMetricsFactory(metrics) { OAuthMetrics(.oauth2) }
        oauth.recordGuardAllowed()
        let allowed = try metrics.expectCounter(
            OAuthMetrics.guardDecisionsLabel,
            [("protocol", "oauth2"), ("outcome", "allowed"), ("error", "none")]
        )
        #expect(allowed.totalValue == 1)
    }
}
