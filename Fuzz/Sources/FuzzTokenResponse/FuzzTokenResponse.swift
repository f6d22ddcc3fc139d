// The client side (OAuthClient): what a provider, or anyone in its place, sends back. Token
// endpoint answers (RFC 6749 §5.1 / §5.2, JSON or form), OAuth 1 credential answers (RFC 5849 §2.1,
// §2.3), server metadata documents (RFC 8414), and authorization callbacks (RFC 6749 §4.1.2,
// RFC 9207; RFC 5849 §2.2).
//
// Input (see FuzzInput):
//   <kind: token | oauth1 | metadata | callback2 | callback1>
//   <HTTP status>
//   Header: value          (Content-Type, ...)
//
//   <body; for the callbacks: the callback URL or query>
//
// Oracles: no crash, sanitizer report or hang; a token read from an answer reads back the same
// from its own `json` and through `Codable`; a callback accepted carries the expected `state` and a
// non-empty code.

import FoundationEssentials
import FuzzSupport
import GatehouseCommon
import OAuth2

@testable import OAuthClient

let oauth2 = OAuth2Session(
    clientID: "s6BhdRkqt3",
    clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw",
    redirectURI: "https://client.example.com/cb",
    tokenEndpoint: "https://server.example.com/token"
)
let oauth1 = OAuth1Session(clientID: "dpf43f3p2l4k3l03", clientSecret: "kd94hf93k423kf44")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenResponse(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(UnsafeBufferPointer(start: data, count: size), fieldCount: 2)
    let response = OAuthClientResponse(
        status: Int(input.fields[1].prefix(6)) ?? 200,
        headers: HTTPFields(
            input.headers.compactMap { header in HTTPField.Name(header.name).map { HTTPField(name: $0, value: header.value) } }
        ),
        body: input.body
    )
    _ = (response.text, response.jsonObject)
    switch input.fields[0] {
    case "token":
        do { checkRoundTrip(try OAuth2Session.parseTokenResponse(response, context: "fuzz")) } catch {
            verbose("refused: \(error)")
        }
    case "oauth1":
        do {
            let token = try OAuth1Session.parseCredentials(response, context: "fuzz")
            guard !token.oauthToken.isEmpty else { fuzzFailure("an empty oauth_token was accepted") }
            verbose("\(token), confirmed: \(token.callbackConfirmed)")
        } catch {
            verbose("refused: \(error)")
        }
    case "metadata":
        guard let object = response.jsonObject else { return 0 }
        let metadata = AuthorizationServerMetadata(fields: object)
        _ = (metadata.problems, metadata.issuer, metadata.tokenEndpoint, metadata.codeChallengeMethodsSupported)
        _ = (metadata.tokenEndpointAuthMethodsSupported, metadata.authorizationResponseIssParameterSupported, metadata.response)
        verbose("metadata problems: \(metadata.problems)")
        if let issuer = metadata.issuer {
            _ = OAuth2Session.issuer(ofWellKnownURL: issuer + "/.well-known/oauth-authorization-server")
        }
    case "callback2":
        let expectedIssuer = input.headerDictionary["Issuer"]
        do {
            let callback = try oauth2.parseAuthorizationResponse(input.bodyText, state: "xyz", issuer: expectedIssuer)
            verbose("\(callback)")
            guard callback.state == "xyz", !callback.code.isEmpty else { fuzzFailure("callback accepted: \(callback)") }
            if let expectedIssuer, callback.issuer != nil, callback.issuer != expectedIssuer {
                fuzzFailure("callback from issuer \(callback.issuer ?? "-") accepted")
            }
        } catch {
            verbose("refused: \(error)")
        }
    case "callback1":
        do {
            let callback = try oauth1.parseAuthorizationResponse(input.bodyText)
            verbose("\(callback)")
            guard !callback.oauthToken.isEmpty, !callback.verifier.isEmpty else { fuzzFailure("callback accepted: \(callback)") }
        } catch {
            verbose("refused: \(error)")
        }
    default:
        break
    }
    return 0
}

/// A token reads back the same from its own `json`, and its fields survive JSON encoding.
func checkRoundTrip(_ token: Token) {
    guard !token.accessToken.isEmpty else { fuzzFailure("a token without access_token was accepted") }
    verbose("\(token)")
    _ = (token.isExpired(), token.isBearer)
    guard let again = try? Token(json: token.json), again == token else {
        fuzzFailure("\(token) does not read back from its json")
    }
    guard let data = try? JSONEncoder().encode(token) else { fuzzFailure("\(token) does not encode") }
    guard let decoded = try? JSONDecoder().decode(Token.self, from: data) else {
        fuzzFailure("\(token) does not decode from \(String(decoding: data, as: UTF8.self))")
    }
    guard decoded.accessToken == token.accessToken, decoded.tokenType == token.tokenType,
        decoded.refreshToken == token.refreshToken, decoded.expiresAt == token.expiresAt, decoded.scope == token.scope
    else {
        fuzzFailure("\(token) decodes as \(decoded)")
    }
}
