import GatehouseCommon
import OAuth1
import Testing

struct RequestTests {
    static let oauth: Parameters = [
        "oauth_consumer_key": "dpf43f3p2l4k3l03", "oauth_token": "nnch734d00sl2jdk",
        "oauth_signature_method": "HMAC-SHA1", "oauth_timestamp": "137131202", "oauth_nonce": "chapoH",
        "oauth_signature": "MdpQcU8iPSUjWoN/UDMsK2sui9I=",
    ]

    @Test func parametersAreReadFromTheAuthorizationHeader() throws {
        let request = try OAuth1Request(
            method: "GET",
            uri: "http://photos.example.net/photos?file=vacation.jpg&size=original",
            headers: ["Authorization": OAuth1AuthorizationHeader.render(Self.oauth, realm: "Photos")]
        )
        #expect(request.parameterLocation == .header)
        #expect(request.clientID == "dpf43f3p2l4k3l03")
        #expect(request.token == "nnch734d00sl2jdk")
        #expect(request.signatureMethod == .hmacSHA1)
        #expect(request.signature == "MdpQcU8iPSUjWoN/UDMsK2sui9I=")
        #expect(request.timestamp == "137131202")
        #expect(request.nonce == "chapoH")
        #expect(request.realm == "Photos")
        #expect(request.header("authorization") != nil)
        #expect(!request.isSecureTransport)
    }

    @Test func parametersAreReadFromTheFormBody() throws {
        var form: Parameters = ["file": "vacation.jpg"]
        form.pairs.append(contentsOf: Self.oauth.pairs)
        let request = try OAuth1Request(
            method: "POST",
            uri: "https://photos.example.net/photos",
            headers: ["content-type": "application/x-www-form-urlencoded"],
            rawBody: Array(FormURLEncoding.encode(form).utf8)
        )
        #expect(request.parameterLocation == .body)
        #expect(request.clientID == "dpf43f3p2l4k3l03")
        #expect(request.body?["file"] == "vacation.jpg")
        #expect(request.isSecureTransport)
        #expect(request.realm == nil)
    }

    @Test func parametersAreReadFromTheQuery() throws {
        let uri = OAuth1Response.addingQuery(Self.oauth, to: "http://photos.example.net/photos?size=original")
        let request = try OAuth1Request(method: "GET", uri: uri)
        #expect(request.parameterLocation == .query)
        #expect(request.verifier == nil)
        #expect(request.signature == "MdpQcU8iPSUjWoN/UDMsK2sui9I=")
        #expect(request.queryParameters["size"] == "original")
    }

    @Test func nulInAProtocolParameterIsInvalidRequest() {
        #expect(throws: OAuth1Error.self) {
            try OAuth1Request(method: "GET", uri: "https://example.com/r?oauth_token=abc%00def&oauth_consumer_key=k")
        }
    }

    @Test func requestWithoutOAuthParametersHasNoLocation() throws {
        let request = try OAuth1Request(method: "GET", uri: "https://example.com/?a=b")
        #expect(request.parameterLocation == nil)
        #expect(request.oauthParameters.isEmpty)
    }

    @Test func parametersInTwoLocationsAreRejected() throws {
        let error = #expect(throws: OAuth1Error.self) {
            try OAuth1Request(
                method: "GET",
                uri: "https://example.com/?oauth_nonce=x",
                headers: ["authorization": OAuth1AuthorizationHeader.render(Self.oauth)]
            )
        }
        #expect(error?.code == .duplicatedOAuthProtocolParameter)
        #expect(error?.status == 400)
    }

    @Test func parameterGivenTwiceInTheQueryIsRejected() throws {
        let error = #expect(throws: OAuth1Error.self) {
            try OAuth1Request(method: "GET", uri: "https://example.com/?oauth_nonce=a&oauth_nonce=b")
        }
        #expect(error?.code == .duplicatedOAuthProtocolParameter)
    }

    @Test func parameterGivenTwiceInTheBodyIsRejected() throws {
        let error = #expect(throws: OAuth1Error.self) {
            try OAuth1Request(
                method: "POST",
                uri: "https://example.com/",
                body: Parameters([("oauth_token", "a"), ("oauth_token", "a")])
            )
        }
        #expect(error?.code == .duplicatedOAuthProtocolParameter)
    }

    @Test func parameterGivenTwiceInTheHeaderIsRejected() throws {
        let error = #expect(throws: OAuth1Error.self) {
            try OAuth1Request(
                method: "GET",
                uri: "https://example.com/",
                headers: ["authorization": #"OAuth oauth_nonce="a", oauth_nonce="b""#]
            )
        }
        #expect(error?.code == .duplicatedOAuthProtocolParameter)
        #expect(error?.response().status == 400)
    }

    /// Past 16 protocol parameters the duplicate check switches from comparing names to a set: a
    /// repeat must be found either way, early names included.
    @Test(arguments: [3, 16, 17, 40])
    func parameterRepeatedAfterManyDistinctOnesIsRejected(distinct: Int) throws {
        var pairs = (0..<distinct).map { ("oauth_x\($0)", "v") }
        #expect(throws: Never.self) { try OAuth1Request(method: "POST", uri: "https://example.com/", body: Parameters(pairs)) }
        pairs.append(("oauth_x0", "again"))
        let error = #expect(throws: OAuth1Error.self) {
            try OAuth1Request(method: "POST", uri: "https://example.com/", body: Parameters(pairs))
        }
        #expect(error?.code == .duplicatedOAuthProtocolParameter)
    }

    @Test func repeatedNonProtocolParametersAreKept() throws {
        let request = try OAuth1Request(method: "GET", uri: "https://example.com/?a=1&a=2&oauth_token=t")
        #expect(request.queryParameters.values(for: "a") == ["1", "2"])
    }

    @Test(arguments: [
        #"OAuth oauth_nonce="unterminated"#,
        #"OAuth oauth_nonce"#,
        #"OAuth ="x""#,
        #"OAuth oauth_nonce="a" oauth_token="b""#,
        #"OAuth oauth_nonce="%zz""#,
        #"OAuth oauth_nonce=a"b"#,
    ])
    func malformedAuthorizationHeaderIsRejected(_ header: String) throws {
        let error = #expect(throws: OAuth1Error.self) {
            try OAuth1Request(method: "GET", uri: "https://example.com/", headers: ["authorization": header])
        }
        #expect(error?.code == .invalidRequest)
        #expect(error?.status == 400)
    }

    @Test func headerParsingToleratesSpacingAndUnquotedValues() throws {
        let content = try #require(
            try OAuth1AuthorizationHeader.parse("oauth   realm=\"R\" ,oauth_token=abc,  oauth_nonce = \"n%20x\"  ")
        )
        #expect(content.realm == "R")
        #expect(content.parameters["oauth_token"] == "abc")
        #expect(content.parameters["oauth_nonce"] == "n x")
        #expect(try OAuth1AuthorizationHeader.parse("OAuth")?.parameters.isEmpty == true)
    }

    @Test func headerRenderingRoundTrips() throws {
        let rendered = OAuth1AuthorizationHeader.render(["oauth_callback": "http://printer.example.com/ready"], realm: "Photos")
        #expect(rendered == #"OAuth realm="Photos", oauth_callback="http%3A%2F%2Fprinter.example.com%2Fready""#)
        let parsed = try #require(try OAuth1AuthorizationHeader.parse(rendered))
        #expect(parsed.parameters["oauth_callback"] == "http://printer.example.com/ready")
    }

    @Test func nonOAuthAuthorizationHeaderIsNotParsed() throws {
        let request = try OAuth1Request(
            method: "GET",
            uri: "https://example.com/",
            headers: ["authorization": "Bearer abc.def"]
        )
        #expect(request.parameterLocation == nil)
        #expect(request.authorizationScheme == "Bearer")
        #expect(request.hasForeignAuthorization)
        #expect(try OAuth1AuthorizationHeader.parse("Basic dXNlcjpwYXNz") == nil)
    }

    @Test func badQueryEncodingIsRejected() {
        let error = #expect(throws: OAuth1Error.self) { try OAuth1Request(method: "GET", uri: "https://example.com/?a=%G1") }
        #expect(error?.code == .invalidRequest)
    }

    @Test func badBodyEncodingIsRejected() {
        let error = #expect(throws: OAuth1Error.self) {
            try OAuth1Request(
                method: "POST",
                uri: "https://example.com/",
                headers: ["content-type": "application/x-www-form-urlencoded; charset=utf-8"],
                rawBody: Array("a=%".utf8)
            )
        }
        #expect(error?.code == .invalidRequest)
    }

    @Test func nonFormBodyIsNotSigned() throws {
        let request = try OAuth1Request(
            method: "POST",
            uri: "https://example.com/",
            headers: ["content-type": "application/json"],
            rawBody: Array(#"{"oauth_token":"x"}"#.utf8)
        )
        #expect(request.body == nil)
        #expect(request.parameterLocation == nil)
    }

    @Test func relativeURIIsRejected() {
        #expect(throws: OAuth1Error.self) { try OAuth1Request(method: "GET", uri: "/photos") }
    }

    @Test func loopbackHostsAreRecognised() throws {
        #expect(try OAuth1Request(method: "GET", uri: "http://127.0.0.1:8080/").isLoopback)
        #expect(try OAuth1Request(method: "GET", uri: "http://localhost/").isLoopback)
        #expect(try OAuth1Request(method: "GET", uri: "http://[::1]:80/").isLoopback)
        #expect(try !OAuth1Request(method: "GET", uri: "http://127.0.0.1.example.com/").isLoopback)
    }
}
