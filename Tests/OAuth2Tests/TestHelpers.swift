import GatehouseCommon
import OAuth2
import OAuthTestSupport

/// Shorthands shared by the OAuth 2 tests.
enum Fixture {
    static let tokenURI = "https://server.example/oauth/token"
    static let authorizeURI = "https://server.example/oauth/authorize"
    static let basic = (clientID: "confidential", secret: "s3cret")
    static let redirectURI = "https://client.example/callback"
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

    static func token(_ form: [(String, String)], basic: (clientID: String, secret: String)? = Fixture.basic) -> OAuth2Request {
        .formPost(tokenURI, form, basic: basic)
    }
}

extension OAuth2Response {
    /// A string member of the JSON body.
    func string(_ name: String) -> String? { jsonBody?[name]?.stringValue }

    /// The `error` member of the JSON body.
    var errorCode: String? { string("error") }

    /// The parameters of the `Location` query or fragment.
    func redirectParameters(fragment: Bool = false) -> Parameters {
        guard let location else { return [:] }
        let separator: Character = fragment ? "#" : "?"
        guard let index = location.firstIndex(of: separator) else { return [:] }
        var rest = location[location.index(after: index)...]
        if !fragment, let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        return (try? FormURLEncoding.decode(rest)) ?? [:]
    }

    /// Whether the response carries `Cache-Control: no-store` and `Pragma: no-cache`.
    var isNoStore: Bool { header("Cache-Control") == "no-store" && header("Pragma") == "no-cache" }
}

/// Collects signals for assertions.
final class SignalRecorder: Sendable {
    private let box = SignalBox()
    var observer: OAuth2SignalObserver { { [box] signal in await box.append(signal) } }
    func signals() async -> [OAuth2Signal] { await box.signals }
}

private actor SignalBox {
    var signals: [OAuth2Signal] = []
    func append(_ signal: OAuth2Signal) { signals.append(signal) }
}

/// Runs the authorization code flow up to the code.
func authorize(
    _ server: AuthorizationServer,
    clientID: String = "confidential",
    redirectURI: String? = Fixture.redirectURI,
    scope: String? = "profile",
    state: String? = "xyz",
    extra: [(String, String)] = [(("code_challenge", Fixture.challenge)), ("code_challenge_method", "S256")]
) async -> OAuth2Response {
    var query: [(String, String)] = [("response_type", "code"), ("client_id", clientID)]
    if let redirectURI { query.append(("redirect_uri", redirectURI)) }
    if let scope { query.append(("scope", scope)) }
    if let state { query.append(("state", state)) }
    query += extra
    return await server.createAuthorizationResponse(.get(Fixture.authorizeURI, query), grantUser: AuthorizationServerFixture.user)
}
