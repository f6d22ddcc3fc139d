import GatehouseCommon

extension AuthorizationServer {
    /// Validates an authorization request for the consent page (Authlib's `validate_consent_request`).
    ///
    /// Errors found before the client and its redirect URI are validated have no
    /// ``OAuth2Error/redirect``: show them as a page, never redirect (RFC 6749 §4.1.2.1). Later
    /// errors redirect to the client; render them with ``OAuth2Error/response()``.
    ///
    /// ```swift
    /// let grant = try await server.validateConsentRequest(request, endUser: user)
    /// // render a page with grant.client.clientID, grant.scopes
    /// ```
    ///
    /// - Parameters:
    ///   - request: the GET (or POST) to the authorization endpoint.
    ///   - endUser: the logged-in user, if known.
    /// - Returns: the grant request: client, scope, redirect URI, state, response type.
    /// - Throws: ``OAuth2Error``.
    public func validateConsentRequest(
        _ request: OAuth2Request,
        endUser: (any OAuth2User)? = nil
    ) async throws(OAuth2Error) -> GrantRequest {
        do throws(OAuth2Error) {
            var validated = try await validateAuthorizationRequest(request)
            validated.grantRequest.user = endUser
            return validated.grantRequest
        } catch {
            throw reportError(error)
        }
    }

    /// Answers an authorization request once the user decided (Authlib's `create_authorization_response`).
    ///
    /// With a user, the grant issues its code or token; with `nil`, `access_denied` goes back to
    /// the client's redirect URI with `state` and `iss` (RFC 6749 §4.1.2.1, RFC 9207). Redirects
    /// after a POST use 303. The request is validated again; the response never carries CORS headers.
    ///
    /// - Parameters:
    ///   - request: the consent form POST (or a GET for automatic approval).
    ///   - grantUser: the consenting user, or `nil` when the user denied.
    /// - Returns: a redirect, or a 4xx error page response for a request that cannot be redirected.
    public func createAuthorizationResponse(_ request: OAuth2Request, grantUser: (any OAuth2User)?) async -> OAuth2Response {
        do throws(OAuth2Error) {
            var validated = try await validateAuthorizationRequest(request)
            guard let grantUser else {
                throw OAuth2Error.accessDenied("The resource owner denied the request.")
                    .redirecting(to: validated.redirect, state: validated.grantRequest.state)
            }
            validated.grantRequest.user = grantUser
            do throws(OAuth2Error) {
                return try await validated.grant.createAuthorizationResponse(validated.grantRequest, context: validated.context)
            } catch  where error.redirect == nil {
                throw error.redirecting(to: validated.redirect, state: validated.grantRequest.state)
            }
        } catch {
            return reportError(error).response()
        }
    }

    struct ValidatedAuthorization {
        var grantRequest: GrantRequest
        var grant: any AuthorizationEndpointGrant
        var context: GrantContext
        var redirect: OAuth2Error.Redirect
    }

    /// Validates client and redirect URI (errors shown as a page), then the rest (errors redirected).
    func validateAuthorizationRequest(_ request: OAuth2Request) async throws(OAuth2Error) -> ValidatedAuthorization {
        try checkTransport(request)
        guard request.method == "GET" || request.method == "POST" else {
            throw OAuth2Error(.invalidRequest, description: "The authorization endpoint accepts GET and POST.", status: 405)
        }
        let data = request.data
        for name in ["client_id", "redirect_uri"] where data.count(of: name) > 1 {
            throw .invalidRequest("Parameter \(name) is repeated.")
        }
        guard let clientID = data["client_id"], !clientID.isEmpty else {
            throw .invalidRequest("Missing client_id.")
        }
        guard let client = try await queryClient(id: clientID) else {
            throw OAuth2Error(.invalidClient, description: "Unknown client.", status: 400)
        }
        let redirectURIParameter = data["redirect_uri"]
        let redirectURI: String
        if let redirectURIParameter {
            guard client.checkRedirectURI(redirectURIParameter) else {
                throw .invalidRequest("redirect_uri is not registered for this client.")
            }
            redirectURI = redirectURIParameter
        } else {
            guard let fallback = client.defaultRedirectURI else {
                throw .invalidRequest("Missing redirect_uri.")
            }
            redirectURI = fallback
        }

        // The client and its redirect URI are known: every further error goes back to the client.
        let state = data.count(of: "state") == 1 ? data["state"] : nil
        let responseType = data["response_type"]
        let match = registeredGrants.lazy.compactMap { registered -> (any AuthorizationEndpointGrant, RegisteredGrant)? in
            guard let grant = registered.grant as? any AuthorizationEndpointGrant,
                grant.canHandleAuthorizationRequest(request)
            else { return nil }
            return (grant, registered)
        }.first
        let usesFragment = match.map { type(of: $0.0).usesFragment } ?? (responseType == ResponseType.token.rawValue)
        let redirect = OAuth2Error.Redirect(
            uri: redirectURI,
            useFragment: usesFragment,
            issuer: configuration.issuer,
            status: Self.redirectStatus(for: request)
        )
        do throws(OAuth2Error) {
            if let repeated = data.repeatedNames.first {
                throw OAuth2Error.invalidRequest("Parameter \(repeated) is repeated.")
            }
            guard let responseType, !responseType.isEmpty else {
                throw OAuth2Error.invalidRequest("Missing response_type.")
            }
            guard let (grant, registered) = match else {
                throw OAuth2Error.unsupportedResponseType("response_type \(responseType) is not supported.")
            }
            guard client.checkResponseType(ResponseType(responseType)) else {
                throw OAuth2Error.unauthorizedClient("The client may not use response_type \(responseType).")
            }
            let context = GrantContext(server: self, extensions: registered.extensions)
            var grantRequest = GrantRequest(
                request: request,
                client: client,
                grantType: GrantType(responseType),
                responseType: ResponseType(responseType),
                redirectURI: redirectURI,
                redirectURIParameter: redirectURIParameter,
                state: state
            )
            grantRequest = try await grant.validateAuthorizationRequest(grantRequest, context: context)
            for grantExtension in registered.extensions {
                try await grantExtension.validateAuthorizationRequest(&grantRequest, context: context)
            }
            return ValidatedAuthorization(grantRequest: grantRequest, grant: grant, context: context, redirect: redirect)
        } catch  where error.redirect == nil {
            throw error.redirecting(to: redirect, state: state)
        }
    }
}
