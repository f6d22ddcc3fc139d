// Client authentication at the OAuth 2 token endpoint (RFC 6749 §2.3): the `Authorization` header
// (Basic, RFC 7617 with the form-encoding of RFC 6749 §2.3.1; Bearer, RFC 6750 §2.1) and the
// `client_id` / `client_secret` form fields, through the server's authenticators.
//
// Input (see FuzzInput):
//   <Authorization header value>
//   Header: value          (more headers, e.g. Content-Type)
//
//   <form body>
//
// Oracles: no crash, sanitizer report or hang; Basic credentials that parse encode back to a header
// that parses to the same pair; a client is authenticated only with its own secret (or, for a
// public client, by `client_id` alone without any secret or header).

import FuzzSupport
import FuzzTestSupport
import GatehouseCommon
import OAuth2

let server = makeAuthorizationServer(store: AuthorizationServerFixture.makeStore())
let clients = [
    AuthorizationServerFixture.confidentialClient, AuthorizationServerFixture.postClient, AuthorizationServerFixture.publicClient,
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClientAuth(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(UnsafeBufferPointer(start: data, count: size), fieldCount: 1)
    var headers = input.headerDictionary
    headers["authorization"] = input.fields[0].isEmpty ? nil : input.fields[0]
    if headers.keys.allSatisfy({ $0.lowercased() != "content-type" }) {
        headers["content-type"] = "application/x-www-form-urlencoded"
    }
    guard
        let request = try? OAuth2Request.parse(
            method: "POST",
            uri: "https://server.example/oauth/token",
            headers: headers,
            body: input.body
        )
    else { return 0 }
    _ = (request.authorizationScheme, request.bearerToken)

    let basic: (username: String, password: String)?
    do { basic = try request.basicCredentials() } catch { basic = nil }
    if let basic { checkBasicRoundTrip(basic) }

    let authenticated: (any OAuth2Client)? = runBlocking {
        do {
            return try await server.authenticateClient(request, methods: [.clientSecretBasic, .clientSecretPost, .none])
        } catch {
            verbose("refused: \(error)")
            return nil
        }
    }
    verbose("basic: \(basic.map { "\($0)" } ?? "-"), authenticated: \(authenticated?.clientID ?? "-")")
    if let authenticated { checkLegitimate(authenticated, request: request, basic: basic) }
    return 0
}

/// Basic credentials that parse re-encode (RFC 6749 §2.3.1) to a header that parses back to them.
func checkBasicRoundTrip(_ basic: (username: String, password: String)) {
    let header = OAuth2Request.basicAuthorization(clientID: basic.username, secret: basic.password)
    let again: OAuth2Request
    do {
        again = try OAuth2Request(method: "POST", uri: "https://server.example/oauth/token", headers: ["Authorization": header])
    } catch {
        fuzzFailure("a POST with \(header) is refused: \(error)")
    }
    let reparsed: (username: String, password: String)?
    do { reparsed = try again.basicCredentials() } catch { fuzzFailure("\(header) does not parse: \(error)") }
    guard let reparsed, reparsed.username == basic.username, reparsed.password == basic.password else {
        fuzzFailure("Basic credentials \(basic) do not round-trip through \(header)")
    }
}

/// The authenticated client really presented its credentials.
func checkLegitimate(_ client: any OAuth2Client, request: OAuth2Request, basic: (username: String, password: String)?) {
    guard let known = clients.first(where: { $0.clientID == client.clientID }) else {
        fuzzFailure("authenticated an unknown client \(client.clientID)")
    }
    if let basic, basic.username == known.clientID, basic.password == known.clientSecret { return }
    let formID = request.form["client_id"]
    let formSecret = request.form["client_secret"]
    if formID == known.clientID, let secret = known.clientSecret, formSecret == secret { return }
    if formID == known.clientID, known.clientSecret == nil, formSecret == nil, request.header("authorization") == nil { return }
    fuzzFailure("client \(known.clientID) authenticated without its credentials: \(request.http.head.headerFields) \(request.form.pairs)")
}
