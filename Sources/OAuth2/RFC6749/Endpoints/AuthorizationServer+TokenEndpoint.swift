import GatehouseCommon
import Synchronization

extension AuthorizationServer {
    /// Handles a token endpoint request (RFC 6749 §3.2) with the registered grant for its
    /// `grant_type` (Authlib's `create_token_response`).
    ///
    /// Never throws: errors are rendered as RFC 6749 §5.2 JSON. Every response, success or
    /// error, carries `Cache-Control: no-store` and `Pragma: no-cache` (RFC 6749 §5.1).
    ///
    /// ```swift
    /// app.post("/oauth/token") { request in await server.createTokenResponse(request.oauth2Request) }
    /// ```
    ///
    /// - Parameter request: the token request; parameters are read from the form body only.
    /// - Returns: the token response or the error response.
    public func createTokenResponse(_ request: OAuth2Request) async -> OAuth2Response {
        do throws(OAuth2Error) {
            return Self.ensureNoStore(try await handleTokenRequest(request))
        } catch {
            return reportError(error).response()
        }
    }

    private func handleTokenRequest(_ request: OAuth2Request) async throws(OAuth2Error) -> OAuth2Response {
        try checkTransport(request)
        guard request.method == "POST" else {
            throw OAuth2Error(.invalidRequest, description: "The token endpoint only accepts POST.", status: 405)
        }
        if let repeated = request.form.repeatedNames.first {
            throw .invalidRequest("Parameter \(repeated) is repeated.")
        }
        guard let grantType = request.form["grant_type"], !grantType.isEmpty else {
            throw .invalidRequest("Missing grant_type.")
        }
        for registered in registeredGrants {
            guard let grant = registered.grant as? any TokenEndpointGrant, grant.canHandleTokenRequest(request) else {
                continue
            }
            let context = GrantContext(server: self, extensions: registered.extensions)
            let grantRequest = try await grant.validateTokenRequest(request, context: context)
            for grantExtension in registered.extensions {
                try await grantExtension.validateTokenRequest(grantRequest, context: context)
            }
            return try await grant.createTokenResponse(grantRequest, context: context)
        }
        throw .unsupportedGrantType("grant_type \(grantType) is not supported.")
    }

    /// Handles a request to a registered endpoint (Authlib's `create_endpoint_response`):
    /// `"revocation"` (RFC 7009) or `"introspection"` (RFC 7662).
    ///
    /// - Parameters:
    ///   - name: the ``OAuth2Endpoint/endpointName``.
    ///   - request: the POST request.
    /// - Returns: the endpoint's response or the error response, with `Cache-Control: no-store`.
    public func createEndpointResponse(_ name: String, _ request: OAuth2Request) async -> OAuth2Response {
        do throws(OAuth2Error) {
            try checkTransport(request)
            guard let endpoint = state.snapshot.value.endpoints[name] else {
                throw OAuth2Error(.invalidRequest, description: "Unknown endpoint \(name).", status: 404)
            }
            guard request.method == "POST" else {
                throw OAuth2Error(.invalidRequest, description: "This endpoint only accepts POST.", status: 405)
            }
            if let repeated = request.form.repeatedNames.first {
                throw .invalidRequest("Parameter \(repeated) is repeated.")
            }
            return Self.ensureNoStore(try await endpoint.createEndpointResponse(request, server: self))
        } catch {
            return reportError(error).response()
        }
    }

    /// The endpoint served under `name`, if any: a custom ``OAuth2Endpoint``, or the core's flow over a
    /// registered ``RevocationEndpoint`` or ``IntrospectionEndpoint``.
    public func endpoint(named name: String) -> (any OAuth2Endpoint)? {
        state.read { $0.endpoints[name] }
    }

    static func ensureNoStore(_ response: OAuth2Response) -> OAuth2Response {
        var response = response
        for field in OAuth2Response.noStoreHeaders where !response.headerFields.contains(where: { $0.name == field.name }) {
            response.headerFields.append(field)
        }
        return response
    }
}
