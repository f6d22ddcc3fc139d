// The OAuth 2 server core (RFC 6749 and friends): the request parser (query, form body, headers),
// then the endpoints over the in-memory test store: token endpoint with every built-in grant and
// client authentication, authorization request validation and response (code and implicit, PKCE),
// revocation (RFC 7009), introspection (RFC 7662) and the bearer-token resource check (RFC 6750).
//
// Input (see FuzzInput):
//   <endpoint: token | authorize | consent | deny | revoke | introspect | resource | anything: parse only>
//   <METHOD>
//   <absolute URI, with the query>
//   Header: value          (Authorization, Content-Type, ...)
//
//   <body>
//
// Oracles: no crash, sanitizer report or hang; no response is a 5xx (the hooks never fail) or has
// CR/LF in a header value; every token-endpoint response carries `Cache-Control: no-store`; a
// redirect goes only to a redirect URI registered for the client named in the request.

import FoundationEssentials
import FuzzSupport
import FuzzTestSupport
import GatehouseCommon
import HTTPTypes
import OAuth2
import OAuthHTTP

/// The store every input starts from: the fixture clients and user, one unused code for each of a
/// confidential and a public (PKCE) client, and one token with a refresh token.
func makeStore() -> MemoryOAuth2Store {
    let store = AuthorizationServerFixture.makeStore()
    let farFuture = Date(timeIntervalSince1970: 4_000_000_000)
    let confidential = GrantRequest(
        request: OAuth2Request.get("https://server.example/oauth/authorize", []),
        client: AuthorizationServerFixture.confidentialClient,
        grantType: .authorizationCode,
        user: AuthorizationServerFixture.user,
        scope: "profile",
        redirectURI: "https://client.example/callback",
        redirectURIParameter: "https://client.example/callback"
    )
    store.saveCode("SplxlOBeZQQYbYS6WxSbIA", request: confidential, expiresAt: farFuture)
    var pkce = GrantRequest(
        request: OAuth2Request.get("https://server.example/oauth/authorize", []),
        client: AuthorizationServerFixture.publicClient,
        grantType: .authorizationCode,
        user: AuthorizationServerFixture.user,
        scope: "profile email",
        redirectURI: "http://127.0.0.1/callback",
        redirectURIParameter: "http://127.0.0.1/callback"
    )
    pkce.codeChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    pkce.codeChallengeMethod = "S256"
    store.saveCode("pkce-code-0123456789", request: pkce, expiresAt: farFuture)
    store.insertToken(
        MemoryToken(
            accessToken: "2YotnFZFEjr1zCsicMWpAA",
            refreshToken: "tGzv3JOkF0XG5Qx2TlKWIA",
            scope: "profile email",
            clientID: AuthorizationServerFixture.confidentialClient.clientID,
            userID: AuthorizationServerFixture.user.userID,
            issuedAt: Date(),
            expiresIn: 3600,
            grantID: "grant-1"
        )
    )
    return store
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOAuth2Server(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(UnsafeBufferPointer(start: data, count: size), fieldCount: 3)
    let endpoint = input.fields[0]
    let request: OAuth2Request
    do {
        request = try OAuth2Request.parse(method: input.fields[1], uri: input.fields[2], headers: input.headerDictionary, body: input.body)
    } catch {
        verbose("request refused: \(error)")
        return 0
    }
    _ = (request.scheme, request.isSecureTransport, request.data, request.bearerToken, try? request.basicCredentials())

    let response: OAuth2Response? = runBlocking {
        let store = makeStore()
        let server = makeAuthorizationServer(store: store)
        switch endpoint {
        case "token":
            return await server.createTokenResponse(request)
        case "authorize":
            return await server.createAuthorizationResponse(request, grantUser: AuthorizationServerFixture.user)
        case "deny":
            return await server.createAuthorizationResponse(request, grantUser: nil)
        case "consent":
            do throws(OAuth2Error) {
                let grant = try await server.validateConsentRequest(request, endUser: AuthorizationServerFixture.user)
                return OAuth2Response(status: 200, body: Array((grant.scope ?? "").utf8))
            } catch {
                return error.response()
            }
        case "revoke":
            return await server.createEndpointResponse("revocation", request)
        case "introspect":
            return await server.createEndpointResponse("introspection", request)
        case "resource":
            let protector = ResourceProtector(realm: "fuzz", allowsQueryToken: true)
            protector.registerTokenValidator(MemoryBearerTokenValidator(store: store))
            do throws(OAuth2Error) {
                _ = try await protector.validateRequest(request, scopes: "profile")
                return OAuth2Response(status: 200)
            } catch {
                return error.response()
            }
        default:
            return nil
        }
    }
    if let response {
        verbose("\(response.status) \(response.headerFields) \(response.bodyText)")
        check(response, endpoint: endpoint, request: request)
    }
    return 0
}

func check(_ response: OAuth2Response, endpoint: String, request: OAuth2Request) {
    guard response.status.code < 500 else { fuzzFailure("status \(response.status): \(response.bodyText)") }
    for field in response.headerFields where field.value.contains(where: { $0 == "\r" || $0 == "\n" }) {
        fuzzFailure("header \(field.name) carries a line break: \(field.value.debugDescription)")
    }
    if endpoint == "token" || endpoint == "revoke" || endpoint == "introspect" {
        guard response.header("Cache-Control") == "no-store" else { fuzzFailure("\(endpoint) response without no-store") }
    }
    if let location = response.location {
        // Only to the redirect URI the request named (or the client's default), and only when the
        // client registered it.
        let client = AuthorizationServerFixture.makeStore().client(id: request.data["client_id"] ?? "")
        guard let client, let base = request.data["redirect_uri"] ?? client.defaultRedirectURI, client.checkRedirectURI(base),
            location.hasPrefix(base)
        else {
            fuzzFailure("redirect to an unregistered URI: \(location.debugDescription)")
        }
    }
}
