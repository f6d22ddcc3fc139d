public import Hummingbird
public import OAuth1

extension OAuth1AuthorizationServer {
    /// The temporary credential endpoint (RFC 5849 §2.1) on Hummingbird:
    /// `router.post("oauth1/initiate") { request, context in await server.createTemporaryCredentialsResponse(request, context: context) }`.
    ///
    /// - Parameters:
    ///   - request: the signed request.
    ///   - context: its context (upload limit, remote address).
    ///   - scheme: the scheme the client signed when the head has none. **Default:** `http`.
    /// - Returns: the credentials, or the RFC 5849 error.
    public func createTemporaryCredentialsResponse(
        _ request: Request,
        context: some RequestContext,
        scheme: String = "http"
    ) async -> Response {
        await respond(request, context: context, scheme: scheme) { await self.createTemporaryCredentialsResponse($0) }
    }

    /// The resource owner's decision at the authorization endpoint (RFC 5849 §2.2): a redirect to
    /// the client's callback with a verifier when `grantUser` is given, a denial otherwise.
    public func createAuthorizationResponse(
        _ request: Request,
        context: some RequestContext,
        grantUser: String?,
        scheme: String = "http"
    ) async -> Response {
        await respond(request, context: context, scheme: scheme) { await self.createAuthorizationResponse($0, grantUser: grantUser) }
    }

    /// The token credential endpoint (RFC 5849 §2.3).
    public func createTokenResponse(_ request: Request, context: some RequestContext, scheme: String = "http") async -> Response {
        await respond(request, context: context, scheme: scheme) { await self.createTokenResponse($0) }
    }

    /// Parses `request` once and answers with `body`, or with the parse error.
    private func respond(
        _ request: Request,
        context: some RequestContext,
        scheme: String,
        _ body: (OAuth1Request) async -> OAuth1Response
    ) async -> Response {
        var request = request
        do {
            return Response(await body(try OAuth1Request(try await request.oauthHTTPRequest(context: context, scheme: scheme))))
        } catch let error as OAuth1Error {
            return Response(errorResponse(error))
        } catch let error as HTTPError {
            return Response(status: error.status)
        } catch {
            return Response(errorResponse(.invalidRequest("The request body could not be read.")))
        }
    }
}
