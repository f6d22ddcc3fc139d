import FoundationEssentials
import GatehouseTesting
import GatehouseVapor
import NIOCore
import NIOHTTP1
import OAuth2
import OAuthIntegration
import Testing
import Vapor
import VaporTesting

/// The OAuth 2 provider and route guard on Vapor through VaporTesting: the token endpoint issues
/// from a SQLite store; the guard answers every outcome as the HTTPCore guard does (RFC 6750 §3);
/// the token reaches the handler through `req.auth` and `currentToken`.
@Suite struct BearerGuardTests {
    static func configure(_ app: Application) async throws -> SQLiteProvider {
        let provider = try await SQLiteProvider.make()
        let server = provider.server
        let requireOAuth = provider.requireOAuth
        app.post("oauth", "token") { req in await server.createTokenResponse(req) }
        app.post("oauth", "revoke") { req in await server.createEndpointResponse("revocation", req) }
        app.get(".well-known", "oauth-authorization-server") { _ in server.createMetadataResponse() }
        app.grouped(requireOAuth(scope: "profile")).get("api", "me") { req async -> String in
            "\(req.oauthToken?.clientID ?? "-") \(currentToken?.scope ?? "-")"
        }
        app.grouped(requireOAuth("admin")).get("notes") { _ in "notes" }
        return provider
    }

    static func token(_ app: Application, _ provider: SQLiteProvider) async throws -> String {
        var token = ""
        try await app.testing().test(
            .POST,
            "/oauth/token",
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Authorization": provider.basicAuthorization()],
            body: ByteBuffer(string: "grant_type=client_credentials&scope=profile")
        ) { response in
            #expect(response.status == .ok)
            #expect(response.headers.first(name: "Cache-Control") == "no-store")
            let json = try JSONDecoder().decode([String: JSONValue].self, from: Data(response.body.readableBytesView))
            token = try #require(json["access_token"]?.stringValue)
        }
        return token
    }

    @Test func aTokenFromTheEndpointOpensTheGuardedRoute() async throws {
        try await withApp { app in
            let provider = try await Self.configure(app)
            let token = try await Self.token(app, provider)
            try await app.testing().test(.GET, "/api/me", headers: ["Authorization": "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
                #expect(response.body.string == "\(provider.clientID) profile")
            }
            try await provider.close()
        }
    }

    @Test func everyRefusalIsTheRFC6750Answer() async throws {
        try await withApp { app in
            let provider = try await Self.configure(app)
            try await app.testing().test(.GET, "/api/me") { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers.first(name: "WWW-Authenticate")?.hasPrefix("Bearer") == true)
            }
            try await app.testing().test(.GET, "/api/me", headers: ["Authorization": "Bearer forged"]) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers.first(name: "WWW-Authenticate")?.contains(#"error="invalid_token""#) == true)
            }
            let token = try await Self.token(app, provider)
            try await app.testing().test(.GET, "/notes", headers: ["Authorization": "Bearer \(token)"]) { response in
                #expect(response.status == .forbidden)
                #expect(response.headers.first(name: "WWW-Authenticate")?.contains(#"error="insufficient_scope""#) == true)
            }
            try await provider.close()
        }
    }

    @Test func aRevokedTokenIsRefusedAndTheMetadataAnswers() async throws {
        try await withApp { app in
            let provider = try await Self.configure(app)
            let token = try await Self.token(app, provider)
            try await app.testing().test(
                .POST,
                "/oauth/revoke",
                headers: ["Content-Type": "application/x-www-form-urlencoded", "Authorization": provider.basicAuthorization()],
                body: ByteBuffer(string: "token=\(token)")
            ) { response in #expect(response.status == .ok) }
            try await app.testing().test(.GET, "/api/me", headers: ["Authorization": "Bearer \(token)"]) { response in
                #expect(response.status == .unauthorized)
            }
            try await app.testing().test(.GET, "/.well-known/oauth-authorization-server") { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains("token_endpoint_auth_methods_supported"))
            }
            try await provider.close()
        }
    }

    @Test func aBadClientIsTheTokenEndpointsInvalidClient() async throws {
        try await withApp { app in
            let provider = try await Self.configure(app)
            try await app.testing().test(
                .POST,
                "/oauth/token",
                headers: [
                    "Content-Type": "application/x-www-form-urlencoded", "Authorization": provider.basicAuthorization(secret: "wrong"),
                ],
                body: ByteBuffer(string: "grant_type=client_credentials")
            ) { response in
                #expect(response.status == .unauthorized)
                #expect(response.body.string.contains("invalid_client"))
            }
            try await provider.close()
        }
    }
}
