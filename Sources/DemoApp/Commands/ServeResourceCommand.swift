import ArgumentParser
import Foundation
import GatehouseCommon
import GatehouseJOSE
import HTTPCore
import OAuth2
import OAuthClient
import OAuthMiddleware

/// `DemoApp serve-resource --issuer URL`: a resource server alone, with no database of its own,
/// serving `GET /api/me` (scope `profile`) for tokens of the authorization server at `--issuer`:
/// JWT access tokens verified with its JWKS, opaque ones through its introspection endpoint.
struct ServeResourceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve-resource",
        abstract: "Serve GET /api/me (scope profile) for the tokens of another authorization server.",
        discussion: """
            The issuer's metadata (/.well-known/openid-configuration, else /.well-known/oauth-authorization-server) \
            gives its jwks_uri and introspection endpoint. JWT access tokens (typ at+jwt) are verified with the JWKS \
            (cached, fetched again for an unknown kid); other tokens are introspected with --client-id and \
            --client-secret, each answer kept at most 60 s and never past the token's exp.
            """
    )

    @Option(help: "The authorization server's issuer identifier (https, or http on a loopback host).") var issuer: String
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8081
    @Option(help: "A client the issuer lets introspect tokens (for opaque tokens).") var clientID: String?
    @Option(help: "That client's secret.") var clientSecret: String?
    @Option(help: "This resource server's identifier: JWT access tokens must name it in aud (default: no check).")
    var audience: String?

    func run() async throws {
        try await reportingErrors {
            guard issuer.hasPrefix("https://") || (issuer.hasPrefix("http://") && LoopbackHost.isLoopbackURI(issuer)) else {
                throw CommandFailure("--issuer must be https (or http on a loopback host): \(issuer)")
            }
            let issuer = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
            let session = OAuth2Session(clientID: clientID ?? "serve-resource", clientSecret: clientSecret)
            let metadata = try await Self.metadata(issuer: issuer, session: session)
            let protector = ResourceProtector()
            var validator = ResourceServerValidator()
            if let jwksURI = metadata.jwksURI {
                validator.jwt = JWTAccessTokenValidator(issuer: issuer, audience: audience, keys: RemoteKeySet(jwksURI: jwksURI))
            }
            if let endpoint = metadata.introspectionEndpoint, clientID != nil, clientSecret != nil {
                validator.introspection = IntrospectionTokenValidator(endpoint: endpoint, session: session)
            }
            guard validator.jwt != nil || validator.introspection != nil else {
                throw CommandFailure(
                    "\(issuer) publishes no jwks_uri, and without --client-id and --client-secret no token can be introspected"
                )
            }
            protector.registerTokenValidator(validator)

            let app = App(config: Config())
            app.get(
                "/api/me",
                protector("profile") { _ in
                    guard let token = currentToken else { throw HTTPError(.unauthorized) }
                    var answer: [String: String] = ["client_id": token.clientID, "scope": token.scope ?? ""]
                    answer["sub"] = (token as? JWTAccessToken)?.claims.sub ?? token.userID ?? token.clientID
                    return try .json(answer)
                }
            )
            app.serverConfiguration = ServerConfiguration(host: host, port: port)
            let ways = [validator.jwt == nil ? nil : "JWT access tokens (JWKS)", validator.introspection == nil ? nil : "introspection"]
            say("Resource server for \(issuer) on http://\(host):\(port)/api/me  (\(ways.compactMap { $0 }.joined(separator: ", ")))")
            try await app.run()
        }
    }

    /// The issuer's metadata: OpenID Connect discovery first, then RFC 8414.
    static func metadata(issuer: String, session: OAuth2Session) async throws -> AuthorizationServerMetadata {
        let failure: OAuthClientError
        do {
            return try await session.loadServerMetadata(from: issuer + "/.well-known/openid-configuration", expectedIssuer: issuer)
        } catch {
            failure = error
        }
        guard failure.code == .unexpectedStatus || failure.code == .malformedResponse else { throw failure }
        return try await session.loadServerMetadata(from: issuer + "/.well-known/oauth-authorization-server", expectedIssuer: issuer)
    }
}

/// JWT access tokens (three base64url parts) to the JWKS validator, anything else to introspection.
struct ResourceServerValidator: BearerTokenValidator {
    var jwt: JWTAccessTokenValidator?
    var introspection: IntrospectionTokenValidator?

    func authenticateToken(_ tokenString: String) async throws -> (any OAuth2Token)? {
        if let jwt, (try? JOSEHeader(compact: tokenString)) != nil { return try await jwt.authenticateToken(tokenString) }
        return try await introspection?.authenticateToken(tokenString)
    }
}
