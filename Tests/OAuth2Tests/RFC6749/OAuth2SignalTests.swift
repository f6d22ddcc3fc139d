import GatehouseCommon
import OAuth2
import OAuthTestSupport
import Testing

struct OAuth2SignalTests {
    let store = AuthorizationServerFixture.makeStore()

    @Test func clientAuthenticatedAndTokenIssuedAreSignalled() async {
        let server = makeAuthorizationServer(store: store)
        let recorder = SignalRecorder()
        server.addObserver(recorder.observer)
        _ = await server.createTokenResponse(Fixture.token([("grant_type", "client_credentials")]))
        let signals = await recorder.signals()
        #expect(signals.count == 2)
        if case .clientAuthenticated(let client, let method) = signals.first {
            #expect(client.clientID == "confidential")
            #expect(method == .clientSecretBasic)
        } else {
            Issue.record("expected clientAuthenticated first")
        }
        if case .tokenIssued(let token, let request) = signals.last {
            #expect(request.grantType == .clientCredentials)
            #expect(store.token(accessToken: token.accessToken) != nil)
        } else {
            Issue.record("expected tokenIssued last")
        }
    }

    @Test func reuseDetectionSignalsGrantRevoked() async throws {
        let server = makeAuthorizationServer(store: store)
        let recorder = SignalRecorder()
        server.addObserver(recorder.observer)
        let response = await server.createTokenResponse(
            Fixture.token(
                [("grant_type", "password"), ("username", "alice"), ("password", "wonderland")])
        )
        let refreshToken = try #require(response.string("refresh_token"))
        for _ in 0..<2 {
            _ = await server.createTokenResponse(Fixture.token([("grant_type", "refresh_token"), ("refresh_token", refreshToken)]))
        }
        let signals = await recorder.signals()
        let rotated = signals.contains { if case .tokenRevoked = $0 { true } else { false } }
        let familyRevoked = signals.contains {
            if case .grantRevoked(_, let reason) = $0 { reason == "refresh token reused" } else { false }
        }
        #expect(rotated)
        #expect(familyRevoked)
    }
}
