import GatehouseCommon
import GatehouseOperations
import Metrics
import MetricsTestKit
import OAuth2
import OAuthTestSupport
import Testing

/// The OAuth-level series: tokens issued by grant type, endpoint errors by code, guard decisions.
struct OAuth2MetricsTests {
    let metrics = TestMetrics()
    let store = AuthorizationServerFixture.makeStore()

    func makeServer() -> AuthorizationServer {
        withMetricsFactory(metrics) { makeAuthorizationServer(store: store) }
    }

    func total(_ label: String, _ dimensions: [(String, String)]) -> Int64 {
        metrics.counterTotal(label: label, dimensions: dimensions)
    }

    @Test func tokensAreCountedByGrantType() async throws {
        let server = makeServer()
        for _ in 0..<3 {
            #expect(await server.createTokenResponse(Fixture.token([("grant_type", "client_credentials")])).status == 200)
        }
        let password = await server.createTokenResponse(
            Fixture.token([("grant_type", "password"), ("username", "alice"), ("password", "wonderland")])
        )
        let refreshToken = try #require(password.string("refresh_token"))
        #expect(
            await server.createTokenResponse(Fixture.token([("grant_type", "refresh_token"), ("refresh_token", refreshToken)])).status
                == 200
        )
        let label = OAuthMetrics.tokensIssuedLabel
        #expect(total(label, [("protocol", "oauth2"), ("grant_type", "client_credentials")]) == 3)
        #expect(total(label, [("protocol", "oauth2"), ("grant_type", "password")]) == 1)
        #expect(total(label, [("protocol", "oauth2"), ("grant_type", "refresh_token")]) == 1)
    }

    @Test func endpointErrorsAreCountedByCode() async throws {
        let server = makeServer()
        _ = await server.createTokenResponse(Fixture.token([("grant_type", "client_credentials")], basic: ("confidential", "wrong")))
        _ = await server.createTokenResponse(Fixture.token([("grant_type", "client_credentials")], basic: ("confidential", "wrong")))
        _ = await server.createTokenResponse(Fixture.token([("grant_type", "telepathy")]))
        _ = await server.createEndpointResponse("revocation", .formPost("https://server.example/oauth/revoke", [], basic: Fixture.basic))
        _ = await authorize(server, clientID: "nobody")
        let label = OAuthMetrics.errorsLabel
        #expect(total(label, [("protocol", "oauth2"), ("error", "invalid_client")]) == 3)
        #expect(total(label, [("protocol", "oauth2"), ("error", "unsupported_grant_type")]) == 1)
        #expect(total(label, [("protocol", "oauth2"), ("error", "invalid_request")]) == 1)
        #expect(metrics.counters(label: OAuthMetrics.tokensIssuedLabel).isEmpty)
    }

    @Test func guardDecisionsAreCountedWithTheirError() async throws {
        store.insertToken(MemoryToken(accessToken: "good", scope: "profile", clientID: "confidential", userID: "user-1"))
        let protector = withMetricsFactory(metrics) { ResourceProtector() }
        protector.registerTokenValidator(MemoryBearerTokenValidator(store: store))
        func call(_ token: String?, scopes: ScopeRequirement = "profile") async {
            let headers = token.map { ["Authorization": "Bearer \($0)"] } ?? [:]
            _ = try? await protector.validateRequest(.get("https://api.example/me", [], headers: headers), scopes: scopes)
        }
        await call("good")
        await call("good")
        await call("forged")
        await call(nil)
        await call("good", scopes: "admin")
        let label = OAuthMetrics.guardDecisionsLabel
        #expect(total(label, [("protocol", "oauth2"), ("outcome", "allowed"), ("error", "none")]) == 2)
        #expect(total(label, [("protocol", "oauth2"), ("outcome", "denied"), ("error", "invalid_token")]) == 2)
        #expect(total(label, [("protocol", "oauth2"), ("outcome", "denied"), ("error", "insufficient_scope")]) == 1)
        #expect(metrics.counters(label: OAuthMetrics.errorsLabel).isEmpty)
    }
}
