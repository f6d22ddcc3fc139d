public import GatehouseCommon
public import OAuth1

/// Builds signed ``OAuth1Request`` values the way an OAuth 1 client would, for tests of servers and
/// resource protectors: it adds the protocol parameters, signs with a ``SignatureMethodRegistry``
/// and places the parameters in the header, the body or the query (RFC 5849 §3.5).
///
/// ```swift
/// let signer = OAuth1RequestSigner(clientID: "dpf43f3p2l4k3l03", clientSecret: "kd94hf93k423kf44")
/// let request = try signer.request(method: "POST", uri: "https://photos.example.net/initiate",
///                                  protocolParameters: ["oauth_callback": "oob"])
/// ```
public struct OAuth1RequestSigner: Sendable {
    /// `oauth_consumer_key`.
    public var clientID: String
    /// The client shared-secret.
    public var clientSecret: String
    /// `oauth_token`, if any.
    public var token: String?
    /// The token shared-secret.
    public var tokenSecret: String
    /// The signature method.
    public var signatureMethod: SignatureMethod
    /// The client's RSA private key (PEM), for RSA-SHA1.
    public var rsaPrivateKey: String?
    /// The algorithms available.
    public var registry: SignatureMethodRegistry
    /// The realm sent in the Authorization header.
    public var realm: String?
    /// The clock `oauth_timestamp` is read from when a request names none; tests of a server on a
    /// ``ManualClock`` give the signer the same clock.
    public var clock: WallClock

    /// Creates a signer.
    public init(
        clientID: String,
        clientSecret: String = "",
        token: String? = nil,
        tokenSecret: String = "",
        signatureMethod: SignatureMethod = .hmacSHA1,
        rsaPrivateKey: String? = nil,
        registry: SignatureMethodRegistry = .standard,
        realm: String? = nil,
        clock: WallClock = .system
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.token = token
        self.tokenSecret = tokenSecret
        self.signatureMethod = signatureMethod
        self.rsaPrivateKey = rsaPrivateKey
        self.registry = registry
        self.realm = realm
        self.clock = clock
    }

    /// The protocol parameters of one request, `oauth_signature` last.
    ///
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - uri: the absolute URI with its query.
    ///   - body: the form body, which is signed too.
    ///   - protocolParameters: extra `oauth_` parameters (`oauth_callback`, `oauth_verifier`); a name
    ///     the signer sets itself (`oauth_version`, ...) is replaced.
    ///   - timestamp: `oauth_timestamp`; ``clock``'s time when `nil`.
    ///   - nonce: `oauth_nonce`; random when `nil`.
    /// - Returns: the signed parameters.
    public func signedParameters(
        method: String,
        uri: String,
        body: Parameters? = nil,
        protocolParameters: Parameters = [:],
        timestamp: String? = nil,
        nonce: String? = nil
    ) throws -> Parameters {
        var oauth: Parameters = ["oauth_consumer_key": clientID]
        if let token { oauth.append("oauth_token", token) }
        oauth.append("oauth_signature_method", signatureMethod.rawValue)
        oauth.append("oauth_timestamp", timestamp ?? String(clock.unixSeconds))
        oauth.append("oauth_nonce", nonce ?? TokenGenerator.generate(length: 24))
        oauth.append("oauth_version", "1.0")
        for pair in protocolParameters.pairs { oauth.set(pair.name, pair.value) }
        var signed = body ?? Parameters()
        signed.pairs.append(contentsOf: oauth.pairs)
        let base = try SignatureBaseString.make(method: method, uri: uri, parameters: signed)
        let signature = try registry.sign(
            signatureMethod,
            SignatureInput(
                baseString: base,
                clientSecret: clientSecret,
                tokenSecret: tokenSecret,
                rsaPrivateKey: rsaPrivateKey
            )
        )
        oauth.append("oauth_signature", signature)
        return oauth
    }

    /// A signed request with the protocol parameters in `location`.
    ///
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - uri: the absolute URI with its query.
    ///   - body: form parameters of the body.
    ///   - protocolParameters: extra `oauth_` parameters.
    ///   - location: header (default), body or query.
    ///   - timestamp: `oauth_timestamp`; now when `nil`.
    ///   - nonce: `oauth_nonce`; random when `nil`.
    ///   - headers: extra header fields (lower-case names).
    /// - Returns: the parsed request, as a server would see it.
    public func request(
        method: String,
        uri: String,
        body: Parameters? = nil,
        protocolParameters: Parameters = [:],
        location: OAuth1Request.ParameterLocation = .header,
        timestamp: String? = nil,
        nonce: String? = nil,
        headers: [String: String] = [:]
    ) throws -> OAuth1Request {
        let oauth = try signedParameters(
            method: method,
            uri: uri,
            body: body,
            protocolParameters: protocolParameters,
            timestamp: timestamp,
            nonce: nonce
        )
        var headers = headers
        switch location {
        case .header:
            headers["authorization"] = OAuth1AuthorizationHeader.render(oauth, realm: realm)
            if body != nil { headers["content-type"] = "application/x-www-form-urlencoded" }
            return try OAuth1Request(method: method, uri: uri, headers: headers, body: body)
        case .body:
            var form = body ?? Parameters()
            form.pairs.append(contentsOf: oauth.pairs)
            headers["content-type"] = "application/x-www-form-urlencoded"
            return try OAuth1Request(method: method, uri: uri, headers: headers, body: form)
        case .query:
            let target = OAuth1Response.addingQuery(oauth, to: uri)
            if body != nil { headers["content-type"] = "application/x-www-form-urlencoded" }
            return try OAuth1Request(method: method, uri: target, headers: headers, body: body)
        }
    }
}
