public import AsyncHTTPClient
public import GatehouseCommon
public import GatehouseJOSE

extension RemoteKeySet {
    /// A key set fetched from `jwksURI` with AsyncHTTPClient: https, or http on a loopback host only.
    ///
    /// - Parameters:
    ///   - jwksURI: the issuer's `jwks_uri`.
    ///   - httpClient: the HTTP client. **Default:** AsyncHTTPClient's shared one.
    ///   - timeout: the deadline of one fetch. **Default:** 10 s.
    ///   - maxAge: the longest a fetched set is used. **Default:** 1 hour.
    ///   - clock: the wall clock the ages are measured by.
    public convenience init(
        jwksURI: String,
        httpClient: HTTPClient = .shared,
        timeout: Duration = .seconds(10),
        maxAge: Duration = .seconds(3_600),
        clock: WallClock = .system
    ) {
        let transport = HTTPTransport(client: httpClient, timeout: timeout, maxResponseSize: 1 << 20)
        self.init(maxAge: maxAge, clock: clock) {
            guard jwksURI.hasPrefix("https://") || (jwksURI.hasPrefix("http://") && LoopbackHost.isLoopbackURI(jwksURI)) else {
                throw OAuthClientError(
                    .invalidConfiguration,
                    message: "\(jwksURI): a JWK Set is fetched over https (or http on a loopback host) only"
                )
            }
            let response = try await transport.send(OAuthClientRequest(method: .get, url: jwksURI, headers: [.accept: "application/json"]))
            guard response.isSuccess else {
                throw OAuthClientError(.unexpectedStatus, message: "\(jwksURI) answered \(response.status)", status: response.status)
            }
            return response.body
        }
    }
}
