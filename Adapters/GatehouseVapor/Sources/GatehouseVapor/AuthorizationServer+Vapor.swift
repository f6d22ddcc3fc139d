public import OAuth2
public import Vapor

extension AuthorizationServer {
    /// The token endpoint (Authlib's `create_token_response`) on Vapor:
    /// `app.post("oauth", "token") { req in await server.createTokenResponse(req) }`.
    ///
    /// - Parameters:
    ///   - request: the request.
    ///   - scheme: the scheme clients address. **Default:** `https` when the app serves TLS, else `http`.
    /// - Returns: the token response or the RFC 6749 §5.2 error.
    public func createTokenResponse(_ request: Vapor.Request, scheme: String? = nil) async -> Vapor.Response {
        await respond(request, scheme: scheme) { await self.createTokenResponse($0) }
    }

    /// Validates an authorization request for the consent page (Authlib's `validate_consent_request`).
    ///
    /// - Throws: ``OAuth2Error``: render it with `Response(error.response())`.
    public func validateConsentRequest(
        _ request: Vapor.Request,
        endUser: (any OAuth2User)?,
        scheme: String? = nil
    ) async throws -> GrantRequest {
        try await validateConsentRequest(try OAuth2Request(try await request.oauthHTTPRequest(scheme: scheme)), endUser: endUser)
    }

    /// Answers the authorization endpoint once the user decided: a grant with `grantUser`, a
    /// denial with `nil` (Authlib's `create_authorization_response`).
    public func createAuthorizationResponse(
        _ request: Vapor.Request,
        grantUser: (any OAuth2User)?,
        scheme: String? = nil
    ) async -> Vapor.Response {
        await respond(request, scheme: scheme) { await self.createAuthorizationResponse($0, grantUser: grantUser) }
    }

    /// A registered endpoint, such as `"revocation"` (RFC 7009) or `"introspection"` (RFC 7662).
    public func createEndpointResponse(_ name: String, _ request: Vapor.Request, scheme: String? = nil) async -> Vapor.Response {
        await respond(request, scheme: scheme) { await self.createEndpointResponse(name, $0) }
    }

    /// The RFC 8414 metadata document built from what is registered.
    public func createMetadataResponse() -> Vapor.Response {
        Vapor.Response(metadata.response)
    }

    /// Parses `request` once and answers with `body`, or with the parse error.
    private func respond(_ request: Vapor.Request, scheme: String?, _ body: (OAuth2Request) async -> OAuth2Response) async -> Vapor.Response
    {
        do {
            return Vapor.Response(await body(try OAuth2Request(try await request.oauthHTTPRequest(scheme: scheme))))
        } catch let error as OAuth2Error {
            return Vapor.Response(error.response())
        } catch let error as any AbortError {
            return Vapor.Response(status: error.status)
        } catch {
            return Vapor.Response(OAuth2Error.invalidRequest("The request body could not be read.").response())
        }
    }
}
