import FoundationEssentials
import GatehouseCommon
import OAuth2
import OAuthTestSupport
import Testing

struct AuthorizationCodeGrantTests {
    let store = AuthorizationServerFixture.makeStore()

    func exchange(
        _ server: AuthorizationServer,
        code: String,
        extra: [(String, String)] = [("code_verifier", Fixture.verifier)]
    ) async -> OAuth2Response {
        await server.createTokenResponse(
            Fixture.token(
                [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Fixture.redirectURI)] + extra
            )
        )
    }

    @Test func fullFlowIssuesTokenWithRefreshToken() async throws {
        let server = makeAuthorizationServer(store: store)
        let redirect = await authorize(server)
        #expect(redirect.status == 302)
        let parameters = redirect.redirectParameters()
        #expect(redirect.location?.hasPrefix(Fixture.redirectURI + "?") == true)
        #expect(parameters["state"] == "xyz")
        #expect(parameters["iss"] == AuthorizationServerFixture.issuer)
        let code = try #require(parameters["code"])
        let response = await exchange(server, code: code)
        #expect(response.status == 200)
        #expect(response.isNoStore)
        let body = try #require(response.jsonBody)
        #expect(body["expires_in"] == 864_000)
        #expect(body["scope"] == "profile")
        #expect(body["refresh_token"] != nil)
        let saved = try #require(store.tokens.first)
        #expect(saved.userID == AuthorizationServerFixture.user.userID)
    }

    @Test func consentRequestReturnsTheGrant() async throws {
        let server = makeAuthorizationServer(store: store)
        let request = OAuth2Request.get(
            Fixture.authorizeURI,
            [
                ("response_type", "code"), ("client_id", "confidential"), ("scope", "profile email"), ("state", "abc"),
            ]
        )
        let grant = try await server.validateConsentRequest(request, endUser: AuthorizationServerFixture.user)
        #expect(grant.client.clientID == "confidential")
        #expect(grant.scopes == ["profile", "email"])
        #expect(grant.redirectURI == Fixture.redirectURI)
        #expect(grant.state == "abc")
        #expect(grant.responseType == .code)
        #expect(grant.user?.userID == "user-1")
    }

    @Test func deniedConsentRedirectsAccessDeniedWithStateAndIssuer() async throws {
        let server = makeAuthorizationServer(store: store)
        let request = try OAuth2Request(
            method: "POST",
            uri: Fixture.authorizeURI,
            query: ["response_type": "code", "client_id": "confidential", "state": "s-1"]
        )
        let response = await server.createAuthorizationResponse(request, grantUser: nil)
        #expect(response.status == 303)
        let parameters = response.redirectParameters()
        #expect(parameters["error"] == "access_denied")
        #expect(parameters["state"] == "s-1")
        #expect(parameters["iss"] == AuthorizationServerFixture.issuer)
        #expect(response.header("Access-Control-Allow-Origin") == nil)
    }

    @Test func unregisteredRedirectURIIsNeverRedirectedTo() async {
        let server = makeAuthorizationServer(store: store)
        let response = await authorize(server, redirectURI: "https://evil.example/callback")
        #expect(response.status == 400)
        #expect(response.location == nil)
        #expect(response.errorCode == "invalid_request")
        await #expect(throws: OAuth2Error.self) {
            try await server.validateConsentRequest(
                .get(
                    Fixture.authorizeURI,
                    [
                        ("response_type", "code"), ("client_id", "confidential"), ("redirect_uri", "https://client.example/callback/x"),
                    ]
                )
            )
        }
    }

    @Test func unknownClientIsAnErrorPage() async {
        let response = await authorize(makeAuthorizationServer(store: store), clientID: "ghost")
        #expect(response.status == 400)
        #expect(response.location == nil)
        #expect(response.errorCode == "invalid_client")
    }

    @Test func missingClientIDIsAnErrorPage() async {
        let request = OAuth2Request.get(Fixture.authorizeURI, [("response_type", "code")])
        let response = await makeAuthorizationServer(store: store).createAuthorizationResponse(
            request,
            grantUser: AuthorizationServerFixture.user
        )
        #expect(response.errorCode == "invalid_request")
        #expect(response.location == nil)
    }

    @Test func repeatedClientIDIsNotRedirected() async {
        let request = OAuth2Request.get(
            Fixture.authorizeURI,
            [("response_type", "code"), ("client_id", "confidential"), ("client_id", "public")]
        )
        let response = await makeAuthorizationServer(store: store).createAuthorizationResponse(
            request,
            grantUser: AuthorizationServerFixture.user
        )
        #expect(response.status == 400)
        #expect(response.location == nil)
    }

    @Test(arguments: ["response_type", "scope", "state", "code_challenge"])
    func repeatedParameterRedirectsInvalidRequest(name: String) async {
        let response = await authorize(
            makeAuthorizationServer(store: store),
            extra: [
                ("code_challenge", Fixture.challenge), ("code_challenge_method", "S256"), (name, "dup"),
            ] + (name == "code_challenge" ? [] : [(name, "dup2")])
        )
        #expect(response.status == 302)
        #expect(response.redirectParameters()["error"] == "invalid_request")
    }

    @Test func unsupportedResponseTypeRedirects() async {
        let request = OAuth2Request.get(
            Fixture.authorizeURI,
            [("response_type", "id_token"), ("client_id", "confidential"), ("state", "q")]
        )
        let response = await makeAuthorizationServer(store: store).createAuthorizationResponse(
            request,
            grantUser: AuthorizationServerFixture.user
        )
        #expect(response.redirectParameters()["error"] == "unsupported_response_type")
        #expect(response.redirectParameters()["state"] == "q")
    }

    @Test func clientWithoutResponseTypeIsUnauthorizedClient() async {
        store.addClient(MemoryClient(clientID: "tokens-only", clientSecret: "x", responseTypes: [.token]))
        let response = await authorize(makeAuthorizationServer(store: store), clientID: "tokens-only")
        #expect(response.redirectParameters()["error"] == "unauthorized_client")
    }

    @Test func invalidScopeRedirects() async {
        var configuration = AuthorizationServer.Configuration(issuer: AuthorizationServerFixture.issuer)
        configuration.scopesSupported = ["profile"]
        let response = await authorize(makeAuthorizationServer(store: store, configuration: configuration), scope: "admin")
        #expect(response.redirectParameters()["error"] == "invalid_scope")
    }

    @Test func loopbackRedirectURIMayChangePortOnly() async {
        let server = makeAuthorizationServer(store: store)
        let ok = await authorize(server, clientID: "public", redirectURI: "http://127.0.0.1:51234/callback")
        #expect(ok.status == 302)
        #expect(ok.location?.hasPrefix("http://127.0.0.1:51234/callback?code=") == true)
        let otherPath = await authorize(server, clientID: "public", redirectURI: "http://127.0.0.1:51234/other")
        #expect(otherPath.location == nil)
        let localhost = await authorize(server, clientID: "public", redirectURI: "http://localhost:51234/callback")
        #expect(localhost.location == nil)
    }

    @Test func reusedCodeIsRejectedAndItsTokensRevoked() async throws {
        let server = makeAuthorizationServer(store: store)
        let code = try #require(await authorize(server).redirectParameters()["code"])
        let first = await exchange(server, code: code)
        let accessToken = try #require(first.string("access_token"))
        let second = await exchange(server, code: code)
        #expect(second.errorCode == "invalid_grant")
        #expect(store.token(accessToken: accessToken)?.isRevoked == true)
    }

    @Test func expiredCodeIsRejected() async throws {
        let server = makeAuthorizationServer(store: store)
        let code = try #require(await authorize(server).redirectParameters()["code"])
        store.updateCode(code) { $0.expiresAt = .distantPast }
        #expect(await exchange(server, code: code).errorCode == "invalid_grant")
    }

    @Test func codeLivesAtMostTenMinutes() async throws {
        let time = ManualClock()
        var configuration = AuthorizationServer.Configuration(clock: time.clock)
        configuration.authorizationCodeLifetime = 3600
        let server = makeAuthorizationServer(store: store, configuration: configuration)
        let code = try #require(await authorize(server).redirectParameters()["code"])
        let record = try #require(store.code(code))
        #expect(record.expiresAt == time.now.addingTimeInterval(600))
    }

    @Test func codesAreFortyEightRandomLettersAndDigits() async throws {
        let server = makeAuthorizationServer(store: store)
        var codes: Set<String> = []
        for _ in 0..<20 {
            let code = try #require(await authorize(server).redirectParameters()["code"])
            #expect(code.utf8.count == 48)  // 48 × log2(62) ≈ 286 bits, RFC 6749 §10.10
            #expect(code.utf8.allSatisfy { TokenGenerator.alphanumeric.contains($0) })
            #expect(store.code(code) != nil)
            codes.insert(code)
        }
        #expect(codes.count == 20)
        #expect(MemoryAuthorizationCodeGrant(store: store).generateAuthorizationCode().utf8.count == 48)
    }

    @Test func redirectURIMismatchAtTokenIsInvalidGrant() async throws {
        let server = makeAuthorizationServer(store: store)
        let code = try #require(await authorize(server).redirectParameters()["code"])
        let response = await server.createTokenResponse(
            Fixture.token([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", "https://client.example/other"),
                ("code_verifier", Fixture.verifier),
            ])
        )
        #expect(response.errorCode == "invalid_grant")
    }

    @Test func missingRedirectURIAtTokenIsInvalidGrantWhenItWasSent() async throws {
        let server = makeAuthorizationServer(store: store)
        let code = try #require(await authorize(server).redirectParameters()["code"])
        let response = await server.createTokenResponse(
            Fixture.token([
                ("grant_type", "authorization_code"), ("code", code), ("code_verifier", Fixture.verifier),
            ])
        )
        #expect(response.errorCode == "invalid_grant")
    }

    @Test func codeOfAnotherClientIsInvalidGrant() async throws {
        let server = makeAuthorizationServer(store: store)
        let code = try #require(await authorize(server).redirectParameters()["code"])
        let response = await server.createTokenResponse(
            Fixture.token(
                [
                    ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Fixture.redirectURI),
                    ("client_id", "post-client"), ("client_secret", "p0st-secret"), ("code_verifier", Fixture.verifier),
                ],
                basic: nil
            )
        )
        #expect(response.errorCode == "invalid_grant")
    }

    @Test func missingCodeIsInvalidRequest() async {
        let response = await makeAuthorizationServer(store: store).createTokenResponse(
            Fixture.token([("grant_type", "authorization_code")])
        )
        #expect(response.errorCode == "invalid_request")
    }

    @Test func unknownCodeIsInvalidGrant() async {
        #expect(await exchange(makeAuthorizationServer(store: store), code: "nope").errorCode == "invalid_grant")
    }

    @Test func defaultRedirectURIIsUsedWhenOmitted() async throws {
        let server = makeAuthorizationServer(store: store)
        let response = await authorize(server, redirectURI: nil)
        let code = try #require(response.redirectParameters()["code"])
        let token = await server.createTokenResponse(
            Fixture.token([
                ("grant_type", "authorization_code"), ("code", code), ("code_verifier", Fixture.verifier),
            ])
        )
        #expect(token.status == 200)
    }

    @Test func plainHTTPAuthorizationIsInsecureTransport() async {
        let request = OAuth2Request.get(
            "http://server.example/oauth/authorize",
            [("response_type", "code"), ("client_id", "confidential")]
        )
        let response = await makeAuthorizationServer(store: store).createAuthorizationResponse(
            request,
            grantUser: AuthorizationServerFixture.user
        )
        #expect(response.errorCode == "insecure_transport")
        #expect(response.location == nil)
    }
}
