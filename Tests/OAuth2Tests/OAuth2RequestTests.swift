import GatehouseCommon
import OAuth2
import OAuthTestSupport
import Testing

struct OAuth2RequestTests {
    @Test func headerNamesAreLowercased() throws {
        let request = try OAuth2Request(method: "post", uri: "https://a.example/", headers: ["Content-Type": "x"])
        #expect(request.header("content-type") == "x")
        #expect(request.method == "POST")
    }

    @Test func parseDecodesQueryAndForm() throws {
        let request = try OAuth2Request.parse(
            method: "POST",
            uri: "https://a.example/t?x=1&y=a+b",
            headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"],
            body: Array("grant_type=password&username=al%20ice".utf8)
        )
        #expect(request.query["y"] == "a b")
        #expect(request.form["username"] == "al ice")
        #expect(request.data.count == 4)
        #expect(request.isSecureTransport)
    }

    @Test func nulInAParameterIsInvalidRequest() {
        #expect(throws: OAuth2Error.invalidRequest("Parameters must not contain NUL characters.")) {
            try OAuth2Request.parse(
                method: "POST",
                uri: "https://a.example/token",
                headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: Array("grant_type=password&username=alice%00admin".utf8)
            )
        }
        #expect(throws: OAuth2Error.self) { try OAuth2Request.parse(method: "GET", uri: "https://a.example/?state=a%00") }
    }

    @Test func malformedEncodingIsInvalidRequest() {
        #expect(throws: OAuth2Error.invalidRequest("Malformed form encoding: invalid percent-encoding")) {
            try OAuth2Request.parse(method: "GET", uri: "https://a.example/?a=%zz")
        }
    }

    @Test func basicCredentialsAreFormDecoded() throws {
        let request = try OAuth2Request(
            method: "POST",
            uri: "https://a.example/",
            headers: ["Authorization": OAuth2Request.basicAuthorization(clientID: "id:1", secret: "s p&")]
        )
        let credentials = try #require(try request.basicCredentials())
        #expect(credentials.username == "id:1")
        #expect(credentials.password == "s p&")
    }

    @Test(arguments: ["Basic", "Basic !!!notbase64", "Basic bm9jb2xvbg==", "Basic OnNlY3JldA=="])
    func malformedBasicHeaderIsInvalidClientNotACrash(header: String) throws {
        let request = try OAuth2Request(method: "POST", uri: "https://a.example/", headers: ["Authorization": header])
        #expect(throws: OAuth2Error.self) { try request.basicCredentials() }
        do {
            _ = try request.basicCredentials()
        } catch {
            #expect(error.code == .invalidClient)
            #expect(error.status == 401)
        }
    }

    @Test func bearerTokenIsReadCaseInsensitively() throws {
        let request = try OAuth2Request(method: "GET", uri: "https://a.example/", headers: ["authorization": "bearer  abc "])
        #expect(request.bearerToken == "abc")
        #expect(try OAuth2Request(method: "GET", uri: "http://a.example/").isSecureTransport == false)
    }
}
