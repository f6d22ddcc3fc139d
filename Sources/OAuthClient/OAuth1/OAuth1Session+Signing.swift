import FoundationEssentials
public import GatehouseCommon
public import HTTPTypes
import OAuth1

extension OAuth1Session {
    /// Calls a protected resource with a signed request (RFC 5849 §3).
    ///
    /// The `protectedRequest` hooks run first, then the request is signed with the token credential
    /// and the protocol parameters placed as ``signaturePlacement`` says. A form body
    /// (`application/x-www-form-urlencoded`) is signed too (§3.4.1.3.1); other bodies are not.
    /// Any HTTP status is returned as is.
    ///
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - url: the absolute URL, query included.
    ///   - headers: more header fields.
    ///   - body: the body bytes.
    ///   - token: credentials to use instead of the session's (the Django style).
    /// - Returns: the resource's answer.
    /// - Throws: ``OAuthClientError``: `missing_token` without credentials, `signature_failed`,
    ///   `connection_failed`, `hook_failed`.
    public func request(
        _ method: HTTPRequest.Method,
        _ url: String,
        headers: HTTPFields = [:],
        body: [UInt8] = [],
        token: OAuth1Token? = nil
    ) async throws(OAuthClientError) -> OAuthClientResponse {
        guard let token = token ?? self.token else {
            throw OAuthClientError(.missingToken, message: "the session has no token credential")
        }
        var request = OAuthClientRequest(method: method, url: url, headers: headers, body: body)
        request = try await hooks.apply(.protectedRequest, to: request)
        return try await transport.send(sign(request, token: token))
    }

    /// Signs `request` with the session's credentials (RFC 5849 §3.1–3.5), for sending it with another
    /// HTTP client.
    ///
    /// - Parameters:
    ///   - request: the unsigned request.
    ///   - protocolParameters: extra `oauth_` parameters (`oauth_callback`, `oauth_verifier`).
    /// - Returns: the request with the signed protocol parameters in place.
    /// - Throws: ``OAuthClientError`` `signature_failed` or `invalid_configuration`.
    public func sign(
        _ request: OAuthClientRequest,
        protocolParameters: Parameters = [:]
    ) throws(OAuthClientError) -> OAuthClientRequest {
        try sign(request, token: token, protocolParameters: protocolParameters)
    }

    /// Signs `request` with `token` (or no token).
    func sign(
        _ request: OAuthClientRequest,
        token: OAuth1Token?,
        protocolParameters: Parameters = [:]
    ) throws(OAuthClientError) -> OAuthClientRequest {
        var oauth: Parameters = ["oauth_consumer_key": clientID]
        if let token { oauth.append("oauth_token", token.oauthToken) }
        oauth.append("oauth_signature_method", signatureMethod.rawValue)
        oauth.append("oauth_timestamp", String(Int(Date().timeIntervalSince1970)))
        oauth.append("oauth_nonce", TokenGenerator.generate(length: 30))
        oauth.append("oauth_version", "1.0")
        for pair in protocolParameters.pairs { oauth.set(pair.name, pair.value) }

        var request = request
        var form = try request.formParameters()
        if signaturePlacement == .body {
            guard form != nil || request.body.isEmpty else {
                throw OAuthClientError(
                    .invalidConfiguration,
                    message: "body placement needs a form-encoded body (RFC 5849 §3.5.2)"
                )
            }
            form = form ?? Parameters()
        }
        var signed = form ?? Parameters()
        signed.pairs.append(contentsOf: oauth.pairs)

        let signature: String
        do {
            let base = try SignatureBaseString.make(method: request.method.rawValue, uri: request.url, parameters: signed)
            signature = try signatureMethods.sign(
                signatureMethod,
                SignatureInput(
                    baseString: base,
                    clientSecret: clientSecret,
                    tokenSecret: token?.oauthTokenSecret ?? "",
                    rsaPrivateKey: rsaPrivateKey
                )
            )
        } catch {
            throw OAuthClientError(
                .signatureFailed,
                message: "cannot sign with \(signatureMethod.rawValue): \(error.errorDescription ?? error.code.rawValue)"
            )
        }
        oauth.append("oauth_signature", signature)

        switch signaturePlacement {
        case .header:
            request.headers[.authorization] = OAuth1AuthorizationHeader.render(oauth, realm: realm)
        case .body:
            var body = form ?? Parameters()
            body.pairs.append(contentsOf: oauth.pairs)
            request.setForm(body)
        case .query:
            request.url = CallbackParameters.appending(oauth, to: request.url)
        }
        return request
    }
}
