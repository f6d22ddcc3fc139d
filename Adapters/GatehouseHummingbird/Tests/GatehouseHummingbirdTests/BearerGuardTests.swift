import FoundationEssentials
import GatehouseHummingbird
import GatehouseTesting
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OAuth2
import OAuthIntegration
import Testing

/// The OAuth 2 provider and route guard on Hummingbird, end to end through Hummingbird's own test
/// client: the token endpoint issues from a SQLite store, the guard answers every outcome as the
/// HTTPCore guard does (RFC 6750 §3), and the token reaches the handler through the context and
/// `currentToken`.
@Suite struct BearerGuardTests {
    static func router(_ provider: SQLiteProvider) -> Router<BasicOAuthRequestContext> {
        let server = provider.server
        let requireOAuth = provider.requireOAuth
        let router = Router(context: BasicOAuthRequestContext.self)
        router.post("oauth/token") { request, context in await server.createTokenResponse(request, context: context) }
        router.post("oauth/revoke") { request, context in
            await server.createEndpointResponse("revocation", request, context: context)
        }
        router.get(".well-known/oauth-authorization-server") { _, _ in server.createMetadataResponse() }
        router.group("api").add(middleware: requireOAuth("profile"))
            .get("me") { _, context in
                // The context and the task-local agree.
                "\(context.oauth.token?.clientID ?? "-") \(currentToken?.scope ?? "-")"
            }
        router.group("notes").add(middleware: requireOAuth("admin"))
            .get("") { _, _ in "notes" }
        return router
    }

    static func token(_ client: some TestClientProtocol, _ provider: SQLiteProvider) async throws -> String {
        try await client.execute(
            uri: "/oauth/token",
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .authorization: provider.basicAuthorization()],
            body: ByteBuffer(string: "grant_type=client_credentials&scope=profile")
        ) { response in
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "no-store")
            let json = try JSONDecoder().decode([String: JSONValue].self, from: Data(response.body.readableBytesView))
            return try #require(json["access_token"]?.stringValue)
        }
    }

    @Test func aTokenFromTheEndpointOpensTheGuardedRoute() async throws {
        let provider = try await SQLiteProvider.make()
        try await Application(router: Self.router(provider)).test(.router) { client in
            let token = try await Self.token(client, provider)
            try await client.execute(uri: "/api/me", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "\(provider.clientID) profile")
            }
        }
        try await provider.close()
    }

    @Test func everyRefusalIsTheRFC6750Answer() async throws {
        let provider = try await SQLiteProvider.make()
        try await Application(router: Self.router(provider)).test(.router) { client in
            try await client.execute(uri: "/api/me", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
            try await client.execute(uri: "/api/me", method: .get, headers: [.authorization: "Bearer forged"]) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.contains(#"error="invalid_token""#) == true)
            }
            let token = try await Self.token(client, provider)
            try await client.execute(uri: "/notes", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .forbidden)
                #expect(response.headers[.wwwAuthenticate]?.contains(#"error="insufficient_scope""#) == true)
            }
        }
        try await provider.close()
    }

    @Test func aRevokedTokenIsRefused() async throws {
        let provider = try await SQLiteProvider.make()
        try await Application(router: Self.router(provider)).test(.router) { client in
            let token = try await Self.token(client, provider)
            try await client.execute(
                uri: "/oauth/revoke",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .authorization: provider.basicAuthorization()],
                body: ByteBuffer(string: "token=\(token)")
            ) { response in #expect(response.status == .ok) }
            try await client.execute(uri: "/api/me", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .unauthorized)
            }
        }
        try await provider.close()
    }

    @Test func aBadClientIsTheTokenEndpointsInvalidClient() async throws {
        let provider = try await SQLiteProvider.make()
        try await Application(router: Self.router(provider)).test(.router) { client in
            try await client.execute(
                uri: "/oauth/token",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .authorization: provider.basicAuthorization(secret: "wrong")],
                body: ByteBuffer(string: "grant_type=client_credentials")
            ) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("invalid_client"))
            }
            try await client.execute(uri: "/.well-known/oauth-authorization-server", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("token_endpoint_auth_methods_supported"))
            }
        }
        try await provider.close()
    }
}
