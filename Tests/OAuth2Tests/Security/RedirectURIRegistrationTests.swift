import OAuth2
import Testing

/// RFC 9700 §2.6, RFC 8252 §7: what a client may register as a redirect URI.
struct RedirectURIRegistrationTests {
    @Test(arguments: [
        "https://client.example/cb", "https://client.example:8443/cb?x=1", "http://127.0.0.1/cb", "http://127.0.0.1:9000/cb",
        "http://[::1]:9000/cb", "http://localhost:3000/callback", "com.example.app:/oauth2redirect",
    ])
    func acceptable(uri: String) {
        #expect(RedirectURIRegistration.problem(with: uri) == nil)
    }

    @Test(arguments: [
        "http://client.example/cb",  // plain http to a public host
        "http://203.0.113.9/cb", "http://127.0.0.1.nip.io/cb", "https://client.example/cb#fragment", "/relative/cb",
        "javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "https://user:pass@client.example/cb",
        "https:///cb", "https://client.example/a b", "",
    ])
    func refused(uri: String) {
        #expect(RedirectURIRegistration.problem(with: uri) != nil, "\(uri)")
    }

    @Test func plainHTTPToAPublicHostOnlyWhenInsecureTransportIsAsked() {
        #expect(RedirectURIRegistration.problem(with: "http://client.example/cb", allowInsecureHTTP: true) == nil)
    }
}
