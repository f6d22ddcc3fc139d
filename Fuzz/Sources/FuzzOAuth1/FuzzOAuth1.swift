// The OAuth 1 server side (RFC 5849): the `Authorization: OAuth` header parser, the request parser
// (parameters from header, form body or query), the signature base string and URI normalisation,
// then the endpoints themselves over in-memory hooks: temporary credentials (§2.1), authorization
// (§2.2), token credentials (§2.3) and a protected resource (§3).
//
// Input (see FuzzInput):
//   <endpoint: initiate | authorize | grant | token | resource; anything else parses only>
//   <METHOD>
//   <absolute URI>
//   Header: value          (Authorization, Content-Type, ...)
//
//   <body>
//
// Oracles: no crash, sanitizer report or hang; a parsed header renders and parses back to the same
// parameters; no response is a 5xx (the hooks never fail) or carries CR/LF in a header value.

import FuzzSupport
import FuzzTestSupport
import GatehouseCommon
import HTTPTypes
import OAuth1
import OAuthHTTP

/// RFC 5849 §1.2's client, credentials and clock, so that the seeds' signatures verify.
enum Fixture {
    static let client = InMemoryOAuth1Client(
        clientID: "dpf43f3p2l4k3l03",
        clientSecret: "kd94hf93k423kf44",
        defaultRedirectURI: "http://printer.example.com/ready",
        redirectURIs: ["http://printer.example.com/ready", "https://printer.example.com/ready"]
    )
    static let now = 137_131_201.0
    static let methods: [SignatureMethod] = [.hmacSHA1, .rsaSHA1, .plaintext]

    static func makeStore() -> InMemoryOAuth1Store {
        let store = InMemoryOAuth1Store(clients: [client])
        store.save(
            OAuth1TemporaryCredentialRecord(
                clientID: client.clientID,
                oauthToken: "hh5s93j4hdidpola",
                oauthTokenSecret: "hdhd0244k9j7ao03",
                redirectURI: "http://printer.example.com/ready",
                verifier: "hfdp7dh39dks9884",
                userID: "jane"
            )
        )
        store.save(
            InMemoryOAuth1TokenCredential(
                clientID: client.clientID,
                oauthToken: "nnch734d00sl2jdk",
                oauthTokenSecret: "pfkkdhi9sl3r4s00",
                userID: "jane"
            )
        )
        return store
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOAuth1(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(UnsafeBufferPointer(start: data, count: size), fieldCount: 3)
    let endpoint = input.fields[0]
    let method = input.fields[1]
    let uri = input.fields[2]
    let headers = input.headerDictionary

    for (name, value) in input.headers where name.lowercased() == "authorization" {
        checkHeaderRoundTrip(value)
    }
    let contentType = headers.first { $0.key.lowercased() == "content-type" }?.value
    let form = try? OAuth1Request.decodeFormBody(input.body, contentType: contentType)
    _ = try? SignatureBaseString.normalizeURI(uri)
    _ = try? SignatureBaseString.make(method: method, uri: uri, parameters: form ?? Parameters())

    let request: OAuth1Request
    do { request = try OAuth1Request(method: method, uri: uri, headers: headers, rawBody: input.body) } catch {
        verbose("request refused: \(error)")
        return 0
    }
    _ = request.signatureBaseString
    _ = (request.isLoopback, request.isSecureTransport, request.hasForeignAuthorization, request.signatureMethod)

    let response: OAuth1Response? = runBlocking {
        let store = Fixture.makeStore()
        let server = OAuth1AuthorizationServer(
            hooks: store,
            configuration: .init(
                supportedSignatureMethods: Fixture.methods,
                allowInsecureTransport: true,
                realm: "Photos",
                clock: .fixed(secondsSince1970: Fixture.now)
            )
        )
        switch endpoint {
        case "initiate":
            return await server.createTemporaryCredentialsResponse(request)
        case "authorize":
            return await server.createAuthorizationResponse(request, grantUser: nil)
        case "grant":
            return await server.createAuthorizationResponse(request, grantUser: "jane")
        case "token":
            return await server.createTokenResponse(request)
        case "resource":
            let protector = OAuth1ResourceProtector(
                hooks: store,
                configuration: .init(
                    supportedSignatureMethods: Fixture.methods,
                    allowInsecureTransport: true,
                    realm: "Photos",
                    clock: .fixed(secondsSince1970: Fixture.now)
                )
            )
            do throws(OAuth1Error) {
                _ = try await protector.validateRequest(request)
                return OAuth1Response(status: 200)
            } catch {
                return protector.errorResponse(error)
            }
        default:
            return nil
        }
    }
    if let response {
        verbose("\(response.status) \(response.headerFields) \(response.bodyText)")
        check(response)
    }
    return 0
}

/// A header that parses renders to one that parses back to the same content.
func checkHeaderRoundTrip(_ value: String) {
    guard let content = try? OAuth1AuthorizationHeader.parse(value) else { return }
    let rendered = OAuth1AuthorizationHeader.render(content.parameters, realm: content.realm)
    let reparsed: OAuth1AuthorizationHeader.Content?
    do { reparsed = try OAuth1AuthorizationHeader.parse(rendered) } catch {
        fuzzFailure("the rendered header \(rendered.debugDescription) does not parse: \(error)")
    }
    guard let reparsed, reparsed.parameters.pairs == content.parameters.pairs, reparsed.realm == content.realm else {
        fuzzFailure("\(value.debugDescription) → \(rendered.debugDescription) does not round-trip")
    }
}

func check(_ response: OAuth1Response) {
    guard response.status.code < 500 else { fuzzFailure("status \(response.status): \(response.bodyText)") }
    for field in response.headerFields where field.value.contains(where: { $0 == "\r" || $0 == "\n" }) {
        fuzzFailure("header \(field.name) carries a line break: \(field.value.debugDescription)")
    }
}
