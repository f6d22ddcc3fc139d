public import HTTPCore
public import OAuth1
import OAuthIntegration

extension OAuth1AuthorizationServer {
    /// The temporary credential endpoint (RFC 5849 §2.1): `app.post("/oauth1/initiate") { await server.createTemporaryCredentialsResponse($0) }`.
    public func createTemporaryCredentialsResponse(_ request: Request) async -> Response {
        await EndpointSpan.run("OAuth1.initiate") {
            do throws(OAuth1Error) {
                return Response(await createTemporaryCredentialsResponse(try request.oauth1Request()))
            } catch {
                return Response(errorResponse(error))
            }
        }
    }

    /// Checks an authorization request before showing the consent page (RFC 5849 §2.2).
    ///
    /// - Returns: the temporary credential (its client and callback).
    /// - Throws: ``OAuth1Error``, which renders as its RFC response when thrown from a handler.
    public func checkAuthorizationRequest(_ request: Request) async throws(OAuth1Error) -> any OAuth1TemporaryCredential {
        try await checkAuthorizationRequest(try request.oauth1Request())
    }

    /// Answers the authorization endpoint once the user decided: their user id grants, `nil` denies.
    /// Redirects to the callback with `oauth_token` and `oauth_verifier`; an `oob` callback gets the
    /// verifier in the body for the page to show.
    public func createAuthorizationResponse(_ request: Request, grantUser: String?) async -> Response {
        await EndpointSpan.run("OAuth1.authorize") {
            do throws(OAuth1Error) {
                return Response(await createAuthorizationResponse(try request.oauth1Request(), grantUser: grantUser))
            } catch {
                return Response(errorResponse(error))
            }
        }
    }

    /// The token credential endpoint (RFC 5849 §2.3).
    public func createTokenResponse(_ request: Request) async -> Response {
        await EndpointSpan.run("OAuth1.token") {
            do throws(OAuth1Error) {
                return Response(await createTokenResponse(try request.oauth1Request()))
            } catch {
                return Response(errorResponse(error))
            }
        }
    }
}
