import GatehouseCommon
import OAuth2
import OAuthTestSupport
import Testing

/// `AUTHLIB_INSECURE_TRANSPORT=loopback`: plain http only for requests addressed to a loopback host,
/// decided per request, so a plain-http proxy or a DNS-rebinding page naming another host is refused.
struct InsecureTransportPolicyTests {
    let store = AuthorizationServerFixture.makeStore()

    func server() -> AuthorizationServer {
        var configuration = AuthorizationServer.Configuration()
        configuration.allowInsecureLoopback = true
        return makeAuthorizationServer(store: store, configuration: configuration)
    }

    @Test(arguments: ["http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080", "http://127.10.0.1"])
    func plainHTTPToALoopbackHostIsServed(origin: String) async {
        let request = OAuth2Request.formPost(origin + "/oauth/token", [("grant_type", "client_credentials")], basic: Fixture.basic)
        #expect(await server().createTokenResponse(request).status == 200)
    }

    @Test(arguments: [
        "http://evil.example:8080", "http://203.0.113.5", "http://127.0.0.1.evil.example", "http://localhost.evil.example",
        "http://0.0.0.0:8080", "http://[::2]",
    ])
    func plainHTTPToAnyOtherHostIsRefused(origin: String) async {
        let request = OAuth2Request.formPost(origin + "/oauth/token", [("grant_type", "client_credentials")], basic: Fixture.basic)
        #expect(await server().createTokenResponse(request).errorCode == "insecure_transport")
    }

    @Test func loopbackHostRecognition() {
        #expect(LoopbackHost.isLoopback("127.0.0.1"))
        #expect(LoopbackHost.isLoopback("[::1]"))
        #expect(LoopbackHost.isLoopback("LOCALHOST"))
        #expect(!LoopbackHost.isLoopback("127.0.0.256"))
        #expect(!LoopbackHost.isLoopback("127.1"))
        #expect(!LoopbackHost.isLoopback("128.0.0.1"))
        #expect(LoopbackHost.host(ofAbsoluteURI: "http://user@127.0.0.1:80/x") == "127.0.0.1")
        #expect(LoopbackHost.host(ofAbsoluteURI: "no-authority") == nil)
    }
}
