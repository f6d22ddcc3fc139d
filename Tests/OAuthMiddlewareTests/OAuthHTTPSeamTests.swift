import HTTPCore
import NIOCore
import OAuthMiddleware
import Testing

/// The seam between HTTPCore and the protocol cores: one conversion each way, nothing lost and
/// nothing copied that the cores do not read.
struct OAuthHTTPSeamTests {
    @Test(arguments: [
        "https://photos.example.net/initiate",
        "http://127.0.0.1:8080/api/me?a=1&b=%20#frag",
        "https://[::1]:8443/",
        "https://server.example",
        "https://server.example?x=1",
        "/relative?x=1",
    ])
    func anAbsoluteURIRoundTripsThroughTheHead(uri: String) {
        #expect(OAuthHTTPRequest(method: .get, uri: uri).uri == uri)
    }

    @Test func theHeadCarriesTheEffectiveSchemeAndHostAndTheSharedFields() throws {
        let request = Request(
            method: .post,
            target: "/token?x=1",
            headers: [.hostField: "internal:8080", .contentType: "application/json", .authorization: "Bearer a"],
            body: ByteBuffer(string: #"{"a":1}"#),
            connection: ConnectionInfo(scheme: "https", clientAddress: "203.0.113.9", forwardedHost: "server.example")
        )
        let seam = request.oauthHTTPRequest()
        #expect(seam.uri == "https://server.example/token?x=1")
        #expect(seam.uri == request.url)
        #expect(seam.head.headerFields == request.headers)
        #expect(seam.header(.authorization) == "Bearer a")
        #expect(seam.clientAddress == "203.0.113.9")
        #expect(seam.body == Array(#"{"a":1}"#.utf8))
        // The cores read only a form body: a guarded JSON upload is not copied.
        #expect(request.oauthHTTPRequest(formBodyOnly: true).body.isEmpty)
    }

    @Test func aFormBodyIsKeptAndParsedOnce() throws {
        let request = Request(
            method: .post,
            target: "/token",
            headers: [.hostField: "server.example", .contentType: "application/x-www-form-urlencoded; charset=utf-8"],
            body: ByteBuffer(string: "grant_type=client_credentials&scope=a+b")
        )
        #expect(request.oauthHTTPRequest(formBodyOnly: true).body == Array("grant_type=client_credentials&scope=a+b".utf8))
        let oauth2 = try request.oauth2Request()
        #expect(oauth2.form["scope"] == "a b")
        #expect(oauth2.uri == "http://server.example/token")
        let oauth1 = try request.oauth1Request()
        #expect(oauth1.body?["grant_type"] == "client_credentials")
    }

    @Test func repeatedFieldsAreJoinedAsHTTPFieldsJoinsThem() {
        var fields = HTTPFields()
        fields.append(HTTPField(name: .accept, value: "a"))
        fields.append(HTTPField(name: .accept, value: "b"))
        let seam = OAuthHTTPRequest(head: HTTPRequest(method: .get, scheme: "https", authority: "s", path: "/", headerFields: fields))
        #expect(seam.header("Accept") == "a, b")
        #expect(seam.header("accept") == fields[.accept])
    }

    @Test func theResponseKeepsItsFieldsInOrderAndItsStatusCode() {
        let core = OAuthHTTPResponse.json(["error": "invalid_request"], status: 400, noStore: true)
        let response = Response(core)
        #expect(response.status.code == 400)
        #expect(response.headers.map(\.name.rawName) == ["Content-Type", "Cache-Control", "Pragma"])
        #expect(response.headers.map(\.value) == ["application/json", "no-store", "no-cache"])
        #expect(Array(response.body.readableBytesView) == core.body)
    }
}
