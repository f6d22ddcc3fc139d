public import Hummingbird
public import OAuth2

extension AuthorizationServer {
    /// The token endpoint (Authlib's `create_token_response`) on Hummingbird:
    /// `router.post("oauth/token") { request, context in await server.createTokenResponse(request, context: context) }`.
    ///
    /// - Parameters:
    ///   - request: the request.
    ///   - context: its context (upload limit, remote address for throttling).
    ///   - scheme: the scheme clients address when the head has none. **Default:** `http`.
    /// - Returns: the token response or the RFC 6749 §5.2 error.
    public func createTokenResponse(_ request: Request, context: some RequestContext, scheme: String = "http") async -> Response {
        await respond(request, context: context, scheme: scheme) { await self.createTokenResponse($0) }
    }

    /// Validates an authorization request for the consent page (Authlib's `validate_consent_request`).
    ///
    /// - Parameters:
    ///   - request: the request to the authorization endpoint.
    ///   - context: its context.
    ///   - endUser: the user your login put in the session, if any.
    ///   - scheme: the scheme clients address when the head has none. **Default:** `http`.
    /// - Returns: the grant request: client, scopes, redirect URI, state.
    /// - Throws: ``OAuth2Error``: render it with ``authorizationErrorResponse(_:)``.
    public func validateConsentRequest(
        _ request: Request,
        context: some RequestContext,
        endUser: (any OAuth2User)?,
        scheme: String = "http"
    ) async throws -> GrantRequest {
        var request = request
        return try await validateConsentRequest(
            try OAuth2Request(try await request.oauthHTTPRequest(context: context, scheme: scheme)),
            endUser: endUser
        )
    }

    /// Answers the authorization endpoint once the user decided: a grant with `grantUser`, a
    /// denial with `nil` (Authlib's `create_authorization_response`).
    public func createAuthorizationResponse(
        _ request: Request,
        context: some RequestContext,
        grantUser: (any OAuth2User)?,
        scheme: String = "http"
    ) async -> Response {
        await respond(request, context: context, scheme: scheme) { await self.createAuthorizationResponse($0, grantUser: grantUser) }
    }

    /// An authorization endpoint error as its response: a redirect to the client when the client
    /// and redirect URI are known, a 400 page otherwise.
    public func authorizationErrorResponse(_ error: OAuth2Error) -> Response {
        Response(error.response())
    }

    /// A registered endpoint, such as `"revocation"` (RFC 7009) or `"introspection"` (RFC 7662).
    public func createEndpointResponse(
        _ name: String,
        _ request: Request,
        context: some RequestContext,
        scheme: String = "http"
    ) async -> Response {
        await respond(request, context: context, scheme: scheme) { await self.createEndpointResponse(name, $0) }
    }

    /// The RFC 8414 metadata document built from what is registered.
    public func createMetadataResponse() -> Response {
        Response(metadata.response)
    }

    /// Parses `request` once and answers with `body`, or with the parse error.
    private func respond(
        _ request: Request,
        context: some RequestContext,
        scheme: String,
        _ body: (OAuth2Request) async -> OAuth2Response
    ) async -> Response {
        var request = request
        do {
            let parsed = try OAuth2Request(try await request.oauthHTTPRequest(context: context, scheme: scheme))
            return Response(await body(parsed))
        } catch let error as OAuth2Error {
            return Response(error.response())
        } catch let error as HTTPError {
            return Response(status: error.status)
        } catch {
            return Response(OAuth2Error.invalidRequest("The request body could not be read.").response())
        }
    }
}
