import GatehouseCommon
import OAuth2
import OAuthTestSupport
import Testing

struct ClientAuthenticationTests {
    let store = AuthorizationServerFixture.makeStore()
    let form = [("grant_type", "client_credentials")]

    @Test func wrongSecretWithBasicIs401WithChallenge() async {
        let response = await makeAuthorizationServer(store: store).createTokenResponse(Fixture.token(form, basic: ("confidential", "bad")))
        #expect(response.status == 401)
        #expect(response.errorCode == "invalid_client")
        #expect(response.header("WWW-Authenticate") == "Basic realm=\"OAuth2\"")
        #expect(response.isNoStore)
    }

    @Test func unknownClientIsInvalidClient() async {
        let response = await makeAuthorizationServer(store: store).createTokenResponse(Fixture.token(form, basic: ("ghost", "x")))
        #expect(response.errorCode == "invalid_client")
    }

    @Test func wrongSecretWithPostHasNoChallenge() async {
        let response = await makeAuthorizationServer(store: store).createTokenResponse(
            Fixture.token(
                form + [("client_id", "post-client"), ("client_secret", "bad")],
                basic: nil
            )
        )
        #expect(response.status == 401)
        #expect(response.header("WWW-Authenticate") == nil)
    }

    @Test func malformedAuthorizationHeaderIs401NotACrash() async {
        let request = OAuth2Request.formPost(Fixture.tokenURI, form, headers: ["authorization": "Basic %%%"])
        let response = await makeAuthorizationServer(store: store).createTokenResponse(request)
        #expect(response.status == 401)
        #expect(response.errorCode == "invalid_client")
    }

    @Test func twoMethodsAtOnceAreRefused() async {
        let response = await makeAuthorizationServer(store: store).createTokenResponse(
            Fixture.token(
                form + [("client_secret", "s3cret")]
            )
        )
        #expect(response.errorCode == "invalid_request")
    }

    @Test func methodOtherThanRegisteredIsRefused() async {
        // confidential is registered for client_secret_basic; it tries client_secret_post.
        let response = await makeAuthorizationServer(store: store).createTokenResponse(
            Fixture.token(
                form + [("client_id", "confidential"), ("client_secret", "s3cret")],
                basic: nil
            )
        )
        #expect(response.errorCode == "invalid_client")
    }

    @Test func confidentialClientCannotSkipItsSecret() async {
        let response = await makeAuthorizationServer(store: store).createTokenResponse(
            Fixture.token(
                form + [("client_id", "confidential")],
                basic: nil
            )
        )
        #expect(response.errorCode == "invalid_client")
    }

    @Test func noCredentialsIsInvalidClient() async {
        let response = await makeAuthorizationServer(store: store).createTokenResponse(Fixture.token(form, basic: nil))
        #expect(response.errorCode == "invalid_client")
        #expect(response.status == 401)
    }

    @Test func registeredMethodAuthenticates() async {
        struct HeaderKey: ClientAuthenticator {
            var method: ClientAuthMethod { "x_client_key" }
            func authenticate(_ request: OAuth2Request, server: AuthorizationServer) async throws(OAuth2Error) -> (any OAuth2Client)? {
                guard let key = request.header("x-client-key") else { return nil }
                guard key == "magic", let client = try await server.queryClient(id: "keyed") else {
                    throw .invalidClient("bad key")
                }
                return client
            }
        }
        store.addClient(MemoryClient(clientID: "keyed", tokenEndpointAuthMethod: "x_client_key"))
        let server = makeAuthorizationServer(store: store)
        server.registerGrant(KeyedClientCredentials())
        server.registerClientAuthenticator(HeaderKey())
        let request = OAuth2Request.formPost(Fixture.tokenURI, [("grant_type", "urn:keyed")], headers: ["X-Client-Key": "magic"])
        let response = await server.createTokenResponse(request)
        #expect(response.status == 200)
        #expect(server.metadata["token_endpoint_auth_methods_supported"]?.arrayValue?.contains("x_client_key") == true)
    }

    struct KeyedClientCredentials: TokenEndpointGrant {
        static let grantType: GrantType = "urn:keyed"
        static var tokenEndpointAuthMethods: Set<ClientAuthMethod> { ["x_client_key"] }
        func validateTokenRequest(_ request: OAuth2Request, context: GrantContext) async throws(OAuth2Error) -> GrantRequest {
            let client = try await context.server.authenticateClient(request, methods: Self.tokenEndpointAuthMethods)
            return GrantRequest(request: request, client: client, grantType: Self.grantType)
        }
        func createTokenResponse(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) -> OAuth2Response {
            try await context.server.issueToken(for: grantRequest, includeRefreshToken: false).response
        }
    }
}
