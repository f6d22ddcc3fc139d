import GatehouseCommon
import OAuth1
import OAuthTestSupport

/// Shared values of the server and protector tests: the RFC 5849 §1.2 client, a fixed clock.
enum Fixtures {
    static let now: Double = 1_700_000_000
    /// A wall clock stopped at ``now``.
    static let clock = WallClock.fixed(secondsSince1970: now)
    static let timestamp = "1700000000"
    static let clientID = "dpf43f3p2l4k3l03"
    static let clientSecret = "kd94hf93k423kf44"
    static let callback = "http://printer.example.com/ready"

    static func client(rsa: Bool = true) throws -> InMemoryOAuth1Client {
        InMemoryOAuth1Client(
            clientID: clientID,
            clientSecret: clientSecret,
            rsaPublicKey: rsa ? try Vectors.read("rsa-sha1-public.pem") : nil,
            redirectURIs: [callback]
        )
    }

    static func signer(
        method: SignatureMethod = .hmacSHA1,
        token: String? = nil,
        tokenSecret: String = "",
        registry: SignatureMethodRegistry = .standard
    ) throws -> OAuth1RequestSigner {
        OAuth1RequestSigner(
            clientID: clientID,
            clientSecret: clientSecret,
            token: token,
            tokenSecret: tokenSecret,
            signatureMethod: method,
            rsaPrivateKey: method == .rsaSHA1 ? try Vectors.read("rsa-sha1-private.pem") : nil,
            registry: registry,
            realm: "Photos"
        )
    }

    static func configuration(
        methods: [SignatureMethod] = [.hmacSHA1, .rsaSHA1, .plaintext],
        allowInsecureTransport: Bool = false
    ) -> OAuth1AuthorizationServer.Configuration {
        OAuth1AuthorizationServer.Configuration(
            supportedSignatureMethods: methods,
            allowInsecureTransport: allowInsecureTransport,
            realm: "Photos",
            clock: clock
        )
    }

    static func protectorConfiguration(
        methods: [SignatureMethod] = [.hmacSHA1, .rsaSHA1, .plaintext]
    )
        -> OAuth1ResourceProtector.Configuration
    {
        OAuth1ResourceProtector.Configuration(supportedSignatureMethods: methods, realm: "Photos", clock: clock)
    }

    /// A temporary credential request for `callback`.
    static func initiateRequest(
        method: SignatureMethod = .hmacSHA1,
        location: OAuth1Request.ParameterLocation = .header,
        uri: String = "https://photos.example.net/initiate",
        callback: String = callback,
        timestamp: String = timestamp,
        nonce: String? = nil
    ) throws -> OAuth1Request {
        try signer(method: method).request(
            method: "POST",
            uri: uri,
            protocolParameters: ["oauth_callback": callback],
            location: location,
            timestamp: timestamp,
            nonce: nonce
        )
    }
}

/// The result of steps 1 and 2 of the flow.
struct AuthorizedTemporaryCredential {
    var token: String
    var secret: String
    var verifier: String
}

extension OAuth1AuthorizationServer {
    /// Runs §2.1 and §2.2 (granting `user`) and returns the temporary credential with its verifier.
    func authorize(
        user: String = "jane",
        method: SignatureMethod = .hmacSHA1,
        location: OAuth1Request.ParameterLocation = .header
    ) async throws -> AuthorizedTemporaryCredential {
        let initiate = await createTemporaryCredentialsResponse(
            try Fixtures.initiateRequest(method: method, location: location)
        )
        guard initiate.status == 200 else { throw OAuth1Error.invalidRequest("initiate failed: \(initiate.bodyText)") }
        let temporary = try initiate.formParameters()
        let token = temporary["oauth_token"] ?? ""
        let authorize = try OAuth1Request(
            method: "GET",
            uri: "https://photos.example.net/authorize?oauth_token=\(token)"
        )
        let redirect = await createAuthorizationResponse(authorize, grantUser: user)
        let location = redirect.header("Location") ?? ""
        let query = try FormURLEncoding.decode(location.split(separator: "?", maxSplits: 1).last ?? "")
        return AuthorizedTemporaryCredential(
            token: token,
            secret: temporary["oauth_token_secret"] ?? "",
            verifier: query["oauth_verifier"] ?? ""
        )
    }

    /// Sends a signed token request for `credential` with `verifier`.
    func exchange(
        _ credential: AuthorizedTemporaryCredential,
        verifier: String? = nil,
        method: SignatureMethod = .hmacSHA1,
        location: OAuth1Request.ParameterLocation = .header,
        nonce: String? = nil
    ) async throws -> OAuth1Response {
        let request = try Fixtures.signer(method: method, token: credential.token, tokenSecret: credential.secret)
            .request(
                method: "POST",
                uri: "https://photos.example.net/token",
                protocolParameters: ["oauth_verifier": verifier ?? credential.verifier],
                location: location,
                timestamp: Fixtures.timestamp,
                nonce: nonce
            )
        return await createTokenResponse(request)
    }
}
