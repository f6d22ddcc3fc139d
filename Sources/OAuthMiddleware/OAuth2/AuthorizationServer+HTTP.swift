public import HTTPCore
public import OAuth2
import OAuthIntegration

extension AuthorizationServer {
    /// The token endpoint (Authlib's `create_token_response`): `app.post("/oauth/token") { try await server.createTokenResponse($0) }`.
    public func createTokenResponse(_ request: Request) async -> Response {
        await EndpointSpan.run("OAuth2.token") {
            do throws(OAuth2Error) {
                return Response(await createTokenResponse(try request.oauth2Request()))
            } catch {
                return Response(error.response())
            }
        }
    }

    /// Validates an authorization request for the consent page (Authlib's `validate_consent_request`).
    ///
    /// - Returns: the grant request: client, scopes, redirect URI, state.
    /// - Throws: ``OAuth2Error``; thrown from a handler it becomes a redirect to the client when the
    ///   client and redirect URI are valid, and a 400 error page otherwise.
    public func validateConsentRequest(_ request: Request, endUser: (any OAuth2User)?) async throws(OAuth2Error) -> GrantRequest {
        try await validateConsentRequest(try request.oauth2Request(), endUser: endUser)
    }

    /// Answers the authorization endpoint once the user decided: a grant with `grantUser`, a
    /// denial with `nil` (Authlib's `create_authorization_response`).
    public func createAuthorizationResponse(_ request: Request, grantUser: (any OAuth2User)?) async -> Response {
        await EndpointSpan.run("OAuth2.authorize") {
            do throws(OAuth2Error) {
                return Response(await createAuthorizationResponse(try request.oauth2Request(), grantUser: grantUser))
            } catch {
                return Response(error.response())
            }
        }
    }

    /// Answers a registered endpoint, such as `"revocation"` or `"introspection"`.
    public func createEndpointResponse(_ name: String, _ request: Request) async -> Response {
        await EndpointSpan.run("OAuth2.\(name)") {
            do throws(OAuth2Error) {
                return Response(await createEndpointResponse(name, try request.oauth2Request()))
            } catch {
                return Response(error.response())
            }
        }
    }

    /// The RFC 8414 metadata document built from what is registered.
    public func createMetadataResponse() -> Response {
        Response(metadata.response)
    }
}
