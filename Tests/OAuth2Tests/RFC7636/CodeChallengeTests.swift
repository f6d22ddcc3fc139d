import GatehouseCommon
import OAuth2
import OAuthTestSupport
import Testing

struct CodeChallengeTests {
    let store = AuthorizationServerFixture.makeStore()

    func exchange(
        _ server: AuthorizationServer,
        code: String,
        clientID: String = "public",
        redirectURI: String = "http://127.0.0.1/callback",
        verifier: String?
    ) async -> OAuth2Response {
        var form = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI), ("client_id", clientID)]
        if let verifier { form.append(("code_verifier", verifier)) }
        return await server.createTokenResponse(Fixture.token(form, basic: nil))
    }

    func publicCode(_ server: AuthorizationServer, extra: [(String, String)]) async -> String? {
        await authorize(server, clientID: "public", redirectURI: "http://127.0.0.1/callback", extra: extra).redirectParameters()["code"]
    }

    @Test func rfc7636AppendixBVector() {
        #expect(CodeChallenge.challenge(for: Fixture.verifier, method: .s256) == Fixture.challenge)
        #expect(CodeChallenge.verify(verifier: Fixture.verifier, challenge: Fixture.challenge, method: .s256))
        #expect(!CodeChallenge.verify(verifier: Fixture.verifier + "x", challenge: Fixture.challenge, method: .s256))
    }

    @Test func publicClientFlowWithS256() async throws {
        let server = makeAuthorizationServer(store: store)
        let code = try #require(
            await publicCode(server, extra: [("code_challenge", Fixture.challenge), ("code_challenge_method", "S256")])
        )
        #expect(await exchange(server, code: code, verifier: Fixture.verifier).status == 200)
    }

    @Test func wrongVerifierIsInvalidGrant() async throws {
        let server = makeAuthorizationServer(store: store)
        let code = try #require(
            await publicCode(server, extra: [("code_challenge", Fixture.challenge), ("code_challenge_method", "S256")])
        )
        let wrong = String(repeating: "a", count: 43)
        #expect(await exchange(server, code: code, verifier: wrong).errorCode == "invalid_grant")
    }

    @Test func missingVerifierIsInvalidRequest() async throws {
        let server = makeAuthorizationServer(store: store)
        let code = try #require(
            await publicCode(server, extra: [("code_challenge", Fixture.challenge), ("code_challenge_method", "S256")])
        )
        #expect(await exchange(server, code: code, verifier: nil).errorCode == "invalid_request")
    }

    @Test func publicClientWithoutChallengeIsRefused() async {
        let response = await authorize(
            makeAuthorizationServer(store: store),
            clientID: "public",
            redirectURI: "http://127.0.0.1/callback",
            extra: []
        )
        #expect(response.redirectParameters()["error"] == "invalid_request")
    }

    @Test func confidentialClientMayOmitPKCEByDefault() async throws {
        let server = makeAuthorizationServer(store: store)
        let code = try #require(await authorize(server, extra: []).redirectParameters()["code"])
        let response = await server.createTokenResponse(
            Fixture.token([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Fixture.redirectURI),
            ])
        )
        #expect(response.status == 200)
    }

    @Test func requiredForAllRefusesConfidentialClientWithoutChallenge() async {
        let server = makeAuthorizationServer(store: store, codeChallenge: CodeChallenge(required: true))
        let response = await authorize(server, extra: [])
        #expect(response.redirectParameters()["error"] == "invalid_request")
    }

    @Test func verifierForCodeWithoutChallengeIsRefused() async throws {
        let server = makeAuthorizationServer(store: store)
        let code = try #require(await authorize(server, extra: []).redirectParameters()["code"])
        let response = await server.createTokenResponse(
            Fixture.token([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Fixture.redirectURI),
                ("code_verifier", Fixture.verifier),
            ])
        )
        #expect(response.errorCode == "invalid_grant")
    }

    @Test func plainIsOffByDefault() async {
        let response = await authorize(
            makeAuthorizationServer(store: store),
            clientID: "public",
            redirectURI: "http://127.0.0.1/callback",
            extra: [("code_challenge", Fixture.verifier), ("code_challenge_method", "plain")]
        )
        #expect(response.redirectParameters()["error"] == "invalid_request")
    }

    @Test func omittedMethodMeansPlainAndIsRefusedByDefault() async {
        let response = await authorize(
            makeAuthorizationServer(store: store),
            clientID: "public",
            redirectURI: "http://127.0.0.1/callback",
            extra: [("code_challenge", Fixture.verifier)]
        )
        #expect(response.redirectParameters()["error"] == "invalid_request")
    }

    @Test func plainWorksWhenAllowed() async throws {
        let server = makeAuthorizationServer(store: store, codeChallenge: CodeChallenge(allowPlain: true))
        let code = try #require(
            await publicCode(server, extra: [("code_challenge", Fixture.verifier), ("code_challenge_method", "plain")])
        )
        #expect(await exchange(server, code: code, verifier: Fixture.verifier).status == 200)
    }

    @Test(arguments: [
        String(repeating: "a", count: 42), String(repeating: "a", count: 129),
        String(repeating: "a", count: 42) + "+", String(repeating: "a", count: 42) + "=",
    ])
    func challengeMustBe43To128Unreserved(challenge: String) async {
        #expect(!CodeChallenge.isWellFormed(challenge))
        let response = await authorize(
            makeAuthorizationServer(store: store),
            clientID: "public",
            redirectURI: "http://127.0.0.1/callback",
            extra: [("code_challenge", challenge), ("code_challenge_method", "S256")]
        )
        #expect(response.redirectParameters()["error"] == "invalid_request")
    }

    @Test func wellFormedBoundaries() {
        #expect(CodeChallenge.isWellFormed(String(repeating: "a", count: 43)))
        #expect(CodeChallenge.isWellFormed(String(repeating: "-._~", count: 32)))
        #expect(!CodeChallenge.isWellFormed(String(repeating: "é", count: 50)))
    }

    @Test func malformedVerifierIsInvalidRequest() async throws {
        let server = makeAuthorizationServer(store: store)
        let code = try #require(
            await publicCode(server, extra: [("code_challenge", Fixture.challenge), ("code_challenge_method", "S256")])
        )
        #expect(await exchange(server, code: code, verifier: "short").errorCode == "invalid_request")
    }

    @Test func metadataListsOnlyEnabledMethods() {
        #expect(makeAuthorizationServer(store: store).metadata["code_challenge_methods_supported"] == ["S256"])
        let plain = makeAuthorizationServer(store: store, codeChallenge: CodeChallenge(allowPlain: true))
        #expect(plain.metadata["code_challenge_methods_supported"] == ["S256", "plain"])
    }
}
