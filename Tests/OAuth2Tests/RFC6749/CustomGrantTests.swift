import GatehouseCommon
import OAuth2
import OAuthTestSupport
import Testing

/// A custom grant on both endpoints, as the seed's `MyCustomGrant`: a JWT-less assertion at the
/// token endpoint and `response_type=ticket` at the authorization endpoint.
struct AssertionGrant: TokenEndpointGrant, AuthorizationEndpointGrant {
    static let grantType: GrantType = "urn:example:assertion"
    static let responseTypes: Set<ResponseType> = ["ticket"]
    let store: MemoryOAuth2Store

    func validateTokenRequest(_ request: OAuth2Request, context: GrantContext) async throws(OAuth2Error) -> GrantRequest {
        let client = try await authenticateClient(request, context: context)
        guard let assertion = request.form["assertion"] else { throw .invalidRequest("Missing assertion.") }
        guard assertion.hasPrefix("signed:"), let user = store.user(id: String(assertion.dropFirst(7))) else {
            throw .invalidGrant("Bad assertion.")
        }
        let scope = try context.server.validateRequestedScope(request.form["scope"], client: client)
        return GrantRequest(request: request, client: client, grantType: Self.grantType, user: user, scope: scope)
    }

    func createTokenResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response {
        try await context.server.issueToken(for: grantRequest, includeRefreshToken: false).response
    }

    func validateAuthorizationRequest(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> GrantRequest {
        guard grantRequest.request.data["audience"] != nil else { throw .invalidRequest("Missing audience.") }
        return grantRequest
    }

    func createAuthorizationResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response {
        context.server.authorizationRedirect(
            grantRequest,
            parameters: [("ticket", "t-\(grantRequest.user?.userID ?? "")")],
            useFragment: false
        )
    }
}

struct CustomGrantTests {
    let store = AuthorizationServerFixture.makeStore()

    func server() -> AuthorizationServer {
        store.addClient(
            MemoryClient(
                clientID: "asserter",
                clientSecret: "a-secret",
                grantTypes: ["urn:example:assertion"],
                responseTypes: ["ticket"]
            )
        )
        let server = makeAuthorizationServer(store: store)
        server.registerGrant(AssertionGrant(store: store))
        return server
    }

    @Test func customTokenGrantWorksEndToEnd() async throws {
        let server = server()
        let response = await server.createTokenResponse(
            Fixture.token(
                [("grant_type", "urn:example:assertion"), ("assertion", "signed:user-1"), ("scope", "profile")],
                basic: ("asserter", "a-secret")
            )
        )
        #expect(response.status == 200)
        #expect(response.isNoStore)
        let accessToken = try #require(response.string("access_token"))
        #expect(store.token(accessToken: accessToken)?.userID == "user-1")

        let protector = ResourceProtector()
        protector.registerTokenValidator(MemoryBearerTokenValidator(store: store))
        let request = OAuth2Request.get("https://api.example/me", [], headers: ["Authorization": "Bearer \(accessToken)"])
        #expect(try await protector.validateRequest(request, scopes: "profile")?.userID == "user-1")
        #expect(server.metadata["grant_types_supported"]?.arrayValue?.contains("urn:example:assertion") == true)
    }

    @Test func customTokenGrantErrorsAreRendered() async {
        let response = await server().createTokenResponse(
            Fixture.token(
                [("grant_type", "urn:example:assertion"), ("assertion", "forged")],
                basic: ("asserter", "a-secret")
            )
        )
        #expect(response.errorCode == "invalid_grant")
    }

    @Test func customGrantChecksClientGrantTypes() async {
        let response = await server().createTokenResponse(
            Fixture.token(
                [("grant_type", "urn:example:assertion"), ("assertion", "signed:user-1")])
        )
        #expect(response.errorCode == "unauthorized_client")
    }

    @Test func customAuthorizationGrantRedirectsAndItsErrorsRedirectToo() async {
        let server = server()
        let ok = await server.createAuthorizationResponse(
            .get(
                Fixture.authorizeURI,
                [
                    ("response_type", "ticket"), ("client_id", "asserter"), ("audience", "api"), ("state", "s"),
                ]
            ),
            grantUser: AuthorizationServerFixture.user
        )
        #expect(ok.redirectParameters()["ticket"] == "t-user-1")
        #expect(ok.redirectParameters()["iss"] == AuthorizationServerFixture.issuer)
        let failing = await server.createAuthorizationResponse(
            .get(
                Fixture.authorizeURI,
                [
                    ("response_type", "ticket"), ("client_id", "asserter"), ("state", "s"),
                ]
            ),
            grantUser: AuthorizationServerFixture.user
        )
        #expect(failing.redirectParameters()["error"] == "invalid_request")
        #expect(failing.redirectParameters()["state"] == "s")
    }
}
