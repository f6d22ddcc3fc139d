public import OAuth1
public import Vapor

extension OAuth1AuthorizationServer {
    /// The temporary credential endpoint (RFC 5849 §2.1) on Vapor.
    public func createTemporaryCredentialsResponse(_ request: Vapor.Request, scheme: String? = nil) async -> Vapor.Response {
        await respond(request, scheme: scheme) { await self.createTemporaryCredentialsResponse($0) }
    }

    /// The resource owner's decision at the authorization endpoint (RFC 5849 §2.2).
    public func createAuthorizationResponse(_ request: Vapor.Request, grantUser: String?, scheme: String? = nil) async -> Vapor.Response {
        await respond(request, scheme: scheme) { await self.createAuthorizationResponse($0, grantUser: grantUser) }
    }

    /// The token credential endpoint (RFC 5849 §2.3).
    public func createTokenResponse(_ request: Vapor.Request, scheme: String? = nil) async -> Vapor.Response {
        await respond(request, scheme: scheme) { await self.createTokenResponse($0) }
    }

    /// Parses `request` once and answers with `body`, or with the parse error.
    private func respond(_ request: Vapor.Request, scheme: String?, _ body: (OAuth1Request) async -> OAuth1Response) async -> Vapor.Response
    {
        do {
            return Vapor.Response(await body(try OAuth1Request(try await request.oauthHTTPRequest(scheme: scheme))))
        } catch let error as OAuth1Error {
            return Vapor.Response(errorResponse(error))
        } catch let error as any AbortError {
            return Vapor.Response(status: error.status)
        } catch {
            return Vapor.Response(errorResponse(.invalidRequest("The request body could not be read.")))
        }
    }
}
