import GatehouseCommon
import GatehouseOperations
import Logging
import OAuth2
import OAuthTestSupport
import Testing

/// Audit records from the authorization server: who authenticated, what was issued or revoked,
/// which code or refresh token was reused; never a token value.
struct OAuth2AuditTests {
    let store = AuthorizationServerFixture.makeStore()
    let recorder = AuditRecorder()

    func makeServer() -> AuthorizationServer {
        let server = makeAuthorizationServer(store: store)
        server.audit = recorder.audit
        return server
    }

    func passwordTokens(_ server: AuthorizationServer) async throws -> (access: String, refresh: String) {
        let response = await server.createTokenResponse(
            Fixture.token([("grant_type", "password"), ("username", "alice"), ("password", "wonderland"), ("scope", "profile")])
        )
        return (try #require(response.string("access_token")), try #require(response.string("refresh_token")))
    }

    @Test func issuanceRecordsTheClientAndTheToken() async throws {
        let server = makeServer()
        let (access, refresh) = try await passwordTokens(server)

        let authenticated = try #require(recorder.records(.clientAuthenticated).first)
        #expect(authenticated.level == .info)
        #expect(authenticated.metadata["event"] == "client_authenticated")
        #expect(authenticated.metadata["client_id"] == "confidential")
        #expect(authenticated.metadata["method"] == "client_secret_basic")

        let issued = try #require(recorder.records(.tokenIssued).first)
        #expect(issued.metadata["client_id"] == "confidential")
        #expect(issued.metadata["grant_type"] == "password")
        #expect(issued.metadata["user_id"] == "user-1")
        #expect(issued.metadata["scope"] == "profile")
        #expect(issued.metadata["grant_id"]?.isEmpty == false)
        for record in recorder.all {
            #expect(!record.metadata.values.contains { $0.contains(access) || $0.contains(refresh) })
        }
    }

    @Test func revocationIsRecorded() async throws {
        let server = makeServer()
        let (access, _) = try await passwordTokens(server)
        let response = await server.createEndpointResponse(
            "revocation",
            .formPost("https://server.example/oauth/revoke", [("token", access)], basic: Fixture.basic)
        )
        #expect(response.status == 200)
        let revoked = try #require(recorder.records(.tokenRevoked).first)
        #expect(revoked.metadata["client_id"] == "confidential")
        #expect(revoked.metadata["user_id"] == "user-1")
    }

    @Test func refreshTokenReuseIsRecordedBeforeTheFamilyIsRevoked() async throws {
        let server = makeServer()
        let (_, refresh) = try await passwordTokens(server)
        let form = [("grant_type", "refresh_token"), ("refresh_token", refresh)]
        #expect(await server.createTokenResponse(Fixture.token(form)).status == 200)
        #expect(recorder.records(.tokenRevoked).count == 1)  // the rotated-away credential
        #expect(await server.createTokenResponse(Fixture.token(form)).status == 400)

        let reuse = try #require(recorder.records(.refreshTokenReuseDetected).first)
        #expect(reuse.metadata["client_id"] == "confidential")
        #expect(reuse.metadata["grant_id"]?.isEmpty == false)
        let family = try #require(recorder.records(.grantRevoked).first)
        #expect(family.metadata["reason"] == "refresh token reused")
        #expect(family.metadata["grant_id"] == nil)
    }

    @Test func authorizationCodeReuseIsRecorded() async throws {
        let server = makeServer()
        let redirect = await authorize(server)
        let code = try #require(redirect.redirectParameters()["code"])
        let form = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Fixture.redirectURI),
            ("code_verifier", Fixture.verifier),
        ]
        #expect(await server.createTokenResponse(Fixture.token(form)).status == 200)
        #expect(await server.createTokenResponse(Fixture.token(form)).status == 400)
        let reuse = try #require(recorder.records(.authorizationCodeReuseDetected).first)
        #expect(reuse.metadata["client_id"] == "confidential")
        #expect(reuse.metadata["grant_id"]?.hasPrefix("code-") == true)
    }

    @Test func staticRecordsGoToTheSharedAuditLabel() {
        #expect(Audit.shared.logger.label == "gatehouse.audit")
        #expect(Audit.label == "gatehouse.audit")
    }
}
