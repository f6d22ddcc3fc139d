import AsyncHTTPClient
import Foundation
import GatehouseCommon
import HTTPCore
import HTTPTypes
import NIOCore
import NIOSSL
import OAuthClient
import Testing

/// `OAuthClient` verifies the provider's TLS certificate (RFC 6749 §10.9, RFC 6750 §5.2): against
/// an HTTPS provider whose certificate it has no reason to trust, or one issued for another host,
/// the exchange fails before any request (and so any secret, code or token) is sent.
struct CertificateVerificationTests {
    static let fixtures = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    /// A self-signed certificate for `localhost` and `127.0.0.1`, with its key (a copy of HTTPCoreTests' fixture).
    static let tls = ServerConfiguration.TLSFiles(
        certificateChainPath: fixtures.appendingPathComponent("test-cert.pem").path,
        privateKeyPath: fixtures.appendingPathComponent("test-key.pem").path
    )

    /// An HTTPS provider with the test certificate: a token endpoint and a protected resource that
    /// record every request they get.
    final class Provider: Sendable {
        let server: HTTPServer
        let running: Task<Void, any Error>
        let base: String
        private let recorder: Recorder

        /// What the provider was sent: `METHOD path` and the body or `Authorization` header.
        var seen: [String] { recorder.requests.withLock { $0 } }

        init(host: String) async throws {
            let app = App(config: Config())
            let recorder = Recorder()
            app.post("/oauth/token") { request in
                recorder.record("POST /oauth/token " + String(buffer: request.body))
                return .json(raw: Array(#"{"access_token":"issued-token","token_type":"Bearer","expires_in":3600}"#.utf8))
            }
            app.get("/api/me") { request in
                recorder.record("GET /api/me " + (request.headers[.authorization] ?? "-"))
                return .text("me")
            }
            let server = app.makeServer(ServerConfiguration(host: host, port: 0, tls: CertificateVerificationTests.tls, accessLog: false))
            let running = Task { try await server.run() }
            let port = try await server.waitUntilListening()
            self.server = server
            self.running = running
            self.base = "https://\(host):\(port)"
            self.recorder = recorder
        }

        func stop() async {
            server.shutdown()
            _ = try? await running.value
        }
    }

    final class Recorder: Sendable {
        let requests = LockedValue<[String]>([])
        func record(_ line: String) { requests.withLock { $0.append(line) } }
    }

    static func withProvider(host: String = "127.0.0.1", _ body: (Provider) async throws -> Void) async throws {
        let provider = try await Provider(host: host)
        do {
            try await body(provider)
        } catch {
            await provider.stop()
            throw error
        }
        await provider.stop()
    }

    /// Runs `body` with a client configured like `HTTPClient.shared` that also trusts the test
    /// certificate, and fails at once when a connection cannot be made instead of retrying until
    /// the deadline; shuts the client down afterwards.
    static func withClientTrustingTheTestCertificate(_ body: (HTTPClient) async throws -> Void) async throws {
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        tlsConfiguration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(tls.certificateChainPath))
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.tlsConfiguration = tlsConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            try await body(client)
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    /// The ``OAuthClientError`` `body` fails with, or `nil` when it succeeds (any other error is an issue).
    static func failure(of body: () async throws -> Void) async -> OAuthClientError? {
        do {
            try await body()
        } catch let error as OAuthClientError {
            return error
        } catch {
            Issue.record("not an OAuthClientError: \(error)")
        }
        return nil
    }

    @Test func selfSignedProviderIsRefusedAndNoTokenRequestIsSent() async throws {
        try await Self.withProvider { provider in
            // The default transport (`HTTPClient.shared`). It retries a failed connection until the
            // exchange's deadline, then reports the last connection error. The deadline must leave
            // room for one whole handshake on a loaded machine (3 s did not under the thread
            // sanitizer: no handshake had failed yet, so the error was only the deadline's).
            let session = OAuth2Session(
                clientID: "confidential",
                clientSecret: "s3cret",
                tokenEndpoint: provider.base + "/oauth/token",
                timeout: .seconds(10)
            )
            async let tokenRequest = Self.failure { _ = try await session.fetchClientCredentialsToken() }
            async let resourceRequest = Self.failure {
                _ = try await session.request(.get, provider.base + "/api/me", token: Token(accessToken: "a-bearer-token"))
            }
            for error in [await tokenRequest, await resourceRequest] {
                let error = try #require(error, "a provider with an untrusted certificate was answered")
                #expect(error.code == .connectionFailed)
                #expect(error.message.contains("CERTIFICATE_VERIFY_FAILED"), "\(error.message)")
            }
            #expect(provider.seen.isEmpty)
            #expect(session.token == nil)

            // The same provider, once its certificate is trusted: the failure was the verification.
            try await Self.withClientTrustingTheTestCertificate { client in
                let trusted = OAuth2Session(
                    clientID: "confidential",
                    clientSecret: "s3cret",
                    tokenEndpoint: provider.base + "/oauth/token",
                    httpClient: client
                )
                let token = try await trusted.fetchClientCredentialsToken()
                #expect(token.accessToken == "issued-token")
                #expect(provider.seen == ["POST /oauth/token grant_type=client_credentials"])
            }
        }
    }

    @Test func trustedCertificateOfAnotherHostIsRefused() async throws {
        // 127.0.0.2 is a loopback address the certificate does not name (it names localhost and 127.0.0.1).
        try await Self.withProvider(host: "127.0.0.2") { provider in
            try await Self.withClientTrustingTheTestCertificate { client in
                let session = OAuth2Session(
                    clientID: "confidential",
                    clientSecret: "s3cret",
                    tokenEndpoint: provider.base + "/oauth/token",
                    httpClient: client
                )
                let error = await Self.failure { _ = try await session.fetchClientCredentialsToken() }
                #expect(error?.code == .connectionFailed)
                #expect(provider.seen.isEmpty)
            }
        }
    }
}
