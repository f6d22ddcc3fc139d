import GatehouseCommon
import OAuth2
import OAuthTestSupport
import Testing

struct OAuth2ClientTests {
    let client = MemoryClient(
        clientID: "c",
        clientSecret: "secret",
        redirectURIs: ["https://app.example/cb", "http://127.0.0.1/loop", "http://[::1]:8000/v6"]
    )

    @Test(arguments: [
        "https://app.example/cb", "http://127.0.0.1/loop", "http://127.0.0.1:49152/loop", "http://[::1]/v6", "http://[::1]:1/v6",
    ])
    func registeredOrLoopbackPortVariantMatches(uri: String) {
        #expect(client.checkRedirectURI(uri))
    }

    @Test(arguments: [
        "https://app.example/cb/", "https://app.example/cb?x=1", "https://APP.example/cb", "https://app.example:443/cb",
        "https://app.example:8443/cb", "http://127.0.0.1:80/other", "http://localhost/loop", "https://127.0.0.1/loop",
        "http://user@127.0.0.1/loop", "http://127.0.0.1:abc/loop",
    ])
    func anythingElseIsRefused(uri: String) {
        #expect(!client.checkRedirectURI(uri))
    }

    @Test func defaultRedirectURIOnlyWithASingleRegistration() {
        #expect(client.defaultRedirectURI == nil)
        #expect(MemoryClient(clientID: "d").defaultRedirectURI == "https://client.example/callback")
    }

    @Test func secretIsCheckedAndPublicClientsHaveNone() {
        #expect(client.checkClientSecret("secret"))
        #expect(!client.checkClientSecret("secreT"))
        #expect(!client.checkClientSecret(""))
        let publicClient = MemoryClient(clientID: "p", tokenEndpointAuthMethod: .none)
        #expect(publicClient.isPublic)
        #expect(!publicClient.checkClientSecret(""))
    }

    @Test func allowedScopeIsTheIntersection() {
        #expect(client.allowedScope(for: "email admin profile") == "email profile")
        #expect(client.allowedScope(for: "admin") == nil)
    }

    @Test func authorizationCodeLifetimeIsCappedAtTenMinutes() {
        var configuration = AuthorizationServer.Configuration()
        #expect(configuration.effectiveAuthorizationCodeLifetime == 600)
        configuration.authorizationCodeLifetime = 60
        #expect(configuration.effectiveAuthorizationCodeLifetime == 60)
        configuration.authorizationCodeLifetime = 86_400
        #expect(configuration.effectiveAuthorizationCodeLifetime == 600)
    }

    @Test func defaultTokenLifetimesMatchAuthlib() {
        let configuration = AuthorizationServer.Configuration()
        #expect(configuration.tokenLifetime(for: .authorizationCode) == 864_000)
        #expect(configuration.tokenLifetime(for: .implicit) == 3600)
        #expect(configuration.tokenLifetime(for: .password) == 864_000)
        #expect(configuration.tokenLifetime(for: .clientCredentials) == 864_000)
        #expect(configuration.tokenLifetime(for: "urn:custom") == 3600)
    }
}
