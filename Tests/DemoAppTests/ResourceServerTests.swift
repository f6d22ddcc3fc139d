import Foundation
import NIOHTTP1
import Testing

/// `DemoApp serve-resource --issuer URL`: a resource server with no database of its own, on
/// another port, accepting the demo's tokens: JWT access tokens through the JWKS, opaque ones
/// through introspection, behind the same `requireOAuth("profile")`.
@Suite(.serialized)
struct ResourceServerTests {
    static func me(_ port: Int, bearer: String) async throws -> WebResponse {
        try await CookieJarClient(base: "http://127.0.0.1:\(port)").send(.GET, "/api/me", headers: [("Authorization", "Bearer \(bearer)")])
    }

    @Test func jwtAccessTokensAreVerifiedWithTheIssuersJWKS() async throws {
        try await SeededDemo.with(environment: ["OAUTH2_ACCESS_TOKEN_FORMAT": "jwt"]) { demo in
            let resource = try await DemoProcess.serve(in: demo.directory, command: "serve-resource", extra: ["--issuer", demo.base])
            defer { Task { _ = await resource.stop() } }
            #expect(resource.output.text.contains("JWT access tokens (JWKS)"), "\(resource.output.text)")
            let token = try #require(try await demo.passwordToken(scope: "profile")["access_token"] as? String)
            let me = try await Self.me(resource.port, bearer: token)
            #expect(me.status == 200, "\(me.body)")
            #expect(me.field("client_id") as? String == demo.clientID && me.field("scope") as? String == "profile")
            let userID = try await demo.api(.GET, "/api/me", bearer: token).field("id") as? String
            #expect(me.field("sub") as? String == userID)

            let notesOnly = try #require(try await demo.passwordToken(scope: "notes")["access_token"] as? String)
            #expect(try await Self.me(resource.port, bearer: notesOnly).status == 403)
            let forged = String(token.dropLast(4)) + "AAAA"
            #expect(try await Self.me(resource.port, bearer: forged).status == 401)
            #expect(await resource.stop() == 0)
        }
    }

    @Test func opaqueTokensAreIntrospectedWithTheResourceServersClient() async throws {
        try await SeededDemo.with { demo in
            let resource = try await DemoProcess.serve(
                in: demo.directory,
                command: "serve-resource",
                extra: ["--issuer", demo.base, "--client-id", demo.clientID, "--client-secret", demo.clientSecret]
            )
            defer { Task { _ = await resource.stop() } }
            #expect(resource.output.text.contains("introspection"), "\(resource.output.text)")
            let token = try #require(try await demo.passwordToken(scope: "profile")["access_token"] as? String)
            let me = try await Self.me(resource.port, bearer: token)
            #expect(me.status == 200, "\(me.body)")
            #expect(me.field("client_id") as? String == demo.clientID && me.field("scope") as? String == "profile")

            // Revoked at the issuer before the resource server ever saw it: inactive, 401.
            let revoked = try #require(try await demo.passwordToken(scope: "profile")["access_token"] as? String)
            let revocation = try await demo.browser().post(
                "/oauth/revoke",
                form: [("token", revoked)],
                headers: [("Authorization", demo.basic)]
            )
            #expect(revocation.status == 200)
            #expect(try await Self.me(resource.port, bearer: revoked).status == 401)
            #expect(try await Self.me(resource.port, bearer: "no-such-token").status == 401)
            // A refresh token introspects as active but as a refresh token: not accepted as a bearer token.
            let refresh = try #require(try await demo.passwordToken(scope: "profile")["refresh_token"] as? String)
            #expect(try await Self.me(resource.port, bearer: refresh).status == 401)
            #expect(await resource.stop() == 0)
        }
    }

    @Test func aNonLoopbackHTTPIssuerIsRefused() async throws {
        let directory = try DemoAppTests.temporaryDirectory()
        let result = try await DemoProcess.run(["serve-resource", "--issuer", "http://id.example"], in: directory)
        #expect(result.status != 0 && result.output.contains("--issuer must be https"))
    }
}
