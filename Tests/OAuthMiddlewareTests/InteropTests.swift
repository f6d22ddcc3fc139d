import Foundation
import GatehouseCommon
import HTTPCore
import HTTPTypes
import OAuthMiddleware
import OAuthTestSupport
import Testing

/// Interoperability with a client this project did not write: Python's requests-oauthlib and
/// oauthlib drive a live Gatehouse provider on loopback. `scripts/test` installs them in a virtual
/// environment and exports its interpreter as `GATEHOUSE_PYTHON`; without it these tests fail
/// (`GATEHOUSE_SKIP_INTEROP=1` turns them off explicitly for a quick local run).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["GATEHOUSE_SKIP_INTEROP"] != "1"))
struct InteropTests {
    static let repository = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let vectors = repository.appendingPathComponent("Tests/Vectors")

    struct MissingPython: Error, CustomStringConvertible {
        var description: String { "GATEHOUSE_PYTHON is not set: run the tests through scripts/test, which installs requests-oauthlib" }
    }

    /// An OAuth 2 + OAuth 1 provider on in-memory stores, plain http allowed (loopback).
    static func makeProvider() throws -> App {
        let app = App(
            config: Config([
                "AUTHLIB_INSECURE_TRANSPORT": "1",
                "OAUTH1_SUPPORTED_SIGNATURE_METHODS": ["HMAC-SHA1", "RSA-SHA1", "PLAINTEXT"],
            ])
        )
        let store = AuthorizationServerFixture.makeStore()
        let server = makeAuthorizationServer(store: store)
        try server.initApp(app)
        let requireOAuth = ResourceProtector()
        requireOAuth.registerTokenValidator(MemoryBearerTokenValidator(store: store))
        let user = AuthorizationServerFixture.user

        ProviderRoutes.mountOAuth2(on: app, server: server, requireOAuth: requireOAuth, user: user)

        let rsaPublicKey = try String(contentsOf: vectors.appendingPathComponent("rsa-sha1-public.pem"), encoding: .utf8)
        let callback = "https://printer.example.com/ready"
        let oauth1Store = InMemoryOAuth1Store(clients: [
            InMemoryOAuth1Client(clientID: "hmac-client", clientSecret: "hmac-secret", defaultRedirectURI: callback),
            InMemoryOAuth1Client(clientID: "rsa-client", clientSecret: "", rsaPublicKey: rsaPublicKey, defaultRedirectURI: callback),
            InMemoryOAuth1Client(clientID: "plain-client", clientSecret: "plain-secret", defaultRedirectURI: callback),
        ])
        let oauth1 = OAuth1AuthorizationServer()
        try oauth1.initApp(app, hooks: oauth1Store)
        let requireOAuth1 = OAuth1ResourceProtector()
        try requireOAuth1.initApp(app, hooks: oauth1Store)
        ProviderRoutes.mountOAuth1(on: app, server: oauth1, requireOAuth1: requireOAuth1, user: user)
        return app
    }

    /// Runs a script of Tests/Interop with the test virtual environment's Python.
    static func runPython(_ script: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        guard let python = ProcessInfo.processInfo.environment["GATEHOUSE_PYTHON"] else { throw MissingPython() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [repository.appendingPathComponent("Tests/Interop/\(script)").path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { process in
                let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                continuation.resume(returning: (process.terminationStatus, output))
            }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
    }

    @Test func requestsOAuthlibRunsEveryOAuth2Flow() async throws {
        let (status, output) = try await Self.makeProvider().withTestClient(.live) { client in
            try await Self.runPython("oauth2_interop.py", ["http://\(client.host)"])
        }
        #expect(status == 0, "\(output)")
        #expect(output.contains("oauth2 interop: all checks passed"))
    }

    @Test func requestsOAuthlibRunsTheThreeLeggedOAuth1Flow() async throws {
        let key = Self.vectors.appendingPathComponent("rsa-sha1-private.pem").path
        let (status, output) = try await Self.makeProvider().withTestClient(.live) { client in
            try await Self.runPython("oauth1_interop.py", ["http://\(client.host)", key])
        }
        #expect(status == 0, "\(output)")
        #expect(output.contains("oauth1 interop: all checks passed"))
    }
}
