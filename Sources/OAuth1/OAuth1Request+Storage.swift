import GatehouseCommon
import OAuthHTTP

extension OAuth1Request {
    /// The parsed request behind ``OAuth1Request``: immutable, so every copy shares one.
    final class Storage: Sendable {
        let http: OAuthHTTPRequest
        let method: String
        let uri: String
        let body: Parameters?
        let queryParameters: Parameters
        let headerParameters: Parameters
        let realm: String?
        let protocolParameters: Parameters
        let parameterLocation: ParameterLocation?
        let authorizationScheme: String?
        let parsedURI: RequestURI

        init(
            http: OAuthHTTPRequest,
            uri: String,
            body: Parameters?,
            queryParameters: Parameters,
            headerParameters: Parameters,
            realm: String?,
            protocolParameters: Parameters,
            parameterLocation: ParameterLocation?,
            authorizationScheme: String?,
            parsedURI: RequestURI
        ) {
            self.http = http
            self.method = http.method
            self.uri = uri
            self.body = body
            self.queryParameters = queryParameters
            self.headerParameters = headerParameters
            self.realm = realm
            self.protocolParameters = protocolParameters
            self.parameterLocation = parameterLocation
            self.authorizationScheme = authorizationScheme
            self.parsedURI = parsedURI
        }
    }
}
