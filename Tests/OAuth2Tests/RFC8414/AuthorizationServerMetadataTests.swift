import GatehouseCommon
import OAuth2
import OAuthTestSupport
import Testing

struct AuthorizationServerMetadataTests {
    @Test func metadataReflectsWhatIsRegistered() throws {
        let metadata = makeAuthorizationServer(store: AuthorizationServerFixture.makeStore()).metadata
        #expect(metadata["issuer"] == .string(AuthorizationServerFixture.issuer))
        #expect(metadata["token_endpoint"] == "https://server.example/oauth/token")
        #expect(metadata["authorization_endpoint"] == "https://server.example/oauth/authorize")
        #expect(metadata["revocation_endpoint"] == "https://server.example/oauth/revoke")
        #expect(metadata["introspection_endpoint"] == "https://server.example/oauth/introspect")
        #expect(metadata["response_types_supported"] == ["code", "token"])
        #expect(metadata["grant_types_supported"] == ["authorization_code", "client_credentials", "implicit", "password", "refresh_token"])
        #expect(metadata["token_endpoint_auth_methods_supported"] == ["client_secret_basic", "client_secret_post", "none"])
        #expect(metadata["code_challenge_methods_supported"] == ["S256"])
        #expect(metadata["authorization_response_iss_parameter_supported"] == true)
        #expect(metadata["response_modes_supported"] == ["fragment", "query"])
        #expect(metadata.problems.isEmpty)
        #expect(metadata.response.status == 200)
    }

    @Test func onlyRegisteredGrantsAreListed() {
        let server = AuthorizationServer(configuration: .init(scopesSupported: ["a", "b"], issuer: "https://as.example"))
        server.registerGrant(ClientCredentialsGrant())
        let metadata = server.metadata
        #expect(metadata["grant_types_supported"] == ["client_credentials"])
        #expect(metadata["token_endpoint_auth_methods_supported"] == ["client_secret_basic", "client_secret_post"])
        #expect(metadata["scopes_supported"] == ["a", "b"])
        #expect(metadata["revocation_endpoint"] == nil)
        #expect(metadata.problems == ["token_endpoint is required"])
    }

    @Test func insecureIssuerIsAProblem() {
        let metadata = AuthorizationServerMetadata(fields: ["issuer": "http://as.example?x", "response_types_supported": ["code"]])
        #expect(metadata.problems == ["issuer must use https", "issuer must have no query or fragment"])
    }
}
