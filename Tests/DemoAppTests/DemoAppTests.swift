import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// End-to-end tests against the built DemoApp binary on loopback, the way a newcomer runs it.
@Suite(.serialized)
struct DemoAppTests {
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func send(
        _ method: HTTPMethod,
        _ url: String,
        headers: [(String, String)] = [],
        body: String? = nil
    ) async throws -> (status: Int, headers: HTTPHeaders, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), response.headers, String(buffer: bytes))
    }

    @Test func firstStartSeedsAndServesTheOAuth2API() async throws {
        let directory = try Self.temporaryDirectory()
        let demo = try await DemoProcess.serve(in: directory)
        defer { _ = demo.process.isRunning ? demo.process.terminate() : () }
        #expect(demo.output.text.contains("plain http on a loopback address"))
        let clientID = try #require(demo.printed("client_id", line: "OAuth 2 client"))
        let secret = try #require(demo.printed("client_secret", line: "OAuth 2 client"))
        let userLine = try #require(demo.output.text.split(separator: "\n").first { $0.contains("user   ") })
        let password = try #require(userLine.split(separator: " ").last.map(String.init))
        let base = "http://127.0.0.1:\(demo.port)"
        let basic = "Basic " + Data("\(clientID):\(secret)".utf8).base64EncodedString()

        let token = try await Self.send(
            .POST,
            base + "/oauth/token",
            headers: [("Authorization", basic), ("Content-Type", "application/x-www-form-urlencoded")],
            body: "grant_type=password&username=demo&password=\(password)&scope=profile%20notes"
        )
        #expect(token.status == 200)
        #expect(token.headers.first(name: "cache-control") == "no-store")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(token.body.utf8)) as? [String: Any])
        let access = try #require(json["access_token"] as? String)

        let me = try await Self.send(.GET, base + "/api/me", headers: [("Authorization", "Bearer \(access)")])
        #expect(me.status == 200 && me.body.contains("\"username\":\"demo\""))
        let anonymous = try await Self.send(.GET, base + "/api/me")
        #expect(anonymous.status == 401 && anonymous.headers.first(name: "www-authenticate")?.hasPrefix("Bearer") == true)

        let added = try await Self.send(
            .POST,
            base + "/api/notes",
            headers: [("Authorization", "Bearer \(access)"), ("Content-Type", "application/json")],
            body: #"{"text":"hello"}"#
        )
        #expect(added.status == 201)
        let listed = try await Self.send(.GET, base + "/api/notes", headers: [("Authorization", "Bearer \(access)")])
        #expect(listed.body.contains("hello"))

        let metadata = try await Self.send(.GET, base + "/.well-known/oauth-authorization-server")
        #expect(metadata.status == 200 && metadata.body.contains("\"issuer\":\"\(base)\""))
        let login = try await Self.send(.GET, base + "/login")
        #expect(login.headers.first(name: "x-frame-options") == "DENY")
        #expect(login.headers.first(name: "content-security-policy")?.contains("frame-ancestors 'none'") == true)

        #expect(await demo.stop() == 0)
    }

    @Test func commandLineCreatesUsersAndClients() async throws {
        let directory = try Self.temporaryDirectory()
        let user = try await DemoProcess.run(["create-user", "--username", "alice", "--password", "correct horse battery"], in: directory)
        #expect(user.status == 0 && user.output.contains("\"username\": \"alice\""))
        let duplicate = try await DemoProcess.run(["create-user", "--username", "alice", "--password", "another password"], in: directory)
        #expect(duplicate.status != 0 && duplicate.output.contains("taken") && !duplicate.output.contains("Fatal error"))

        let client = try await DemoProcess.run(
            [
                "create-client", "--name", "CLI", "--redirect-uri", "https://app.example/cb", "--grant-type", "authorization_code",
                "--scope", "profile", "--token-endpoint-auth-method", "client_secret_post",
            ],
            in: directory
        )
        #expect(client.status == 0)
        let created = try #require(try JSONSerialization.jsonObject(with: Data(client.output.utf8)) as? [String: String])
        #expect(created["client_id"] != nil && created["client_secret"] != nil)

        let publicClient = try await DemoProcess.run(
            ["create-client", "--name", "SPA", "--redirect-uri", "https://app.example/cb", "--token-endpoint-auth-method", "none"],
            in: directory
        )
        let publicCreated = try #require(try JSONSerialization.jsonObject(with: Data(publicClient.output.utf8)) as? [String: String])
        #expect(publicCreated["client_id"] != nil && publicCreated["client_secret"] == nil)

        let oauth1 = try await DemoProcess.run(
            ["create-oauth1-client", "--name", "Printer", "--callback-uri", "https://printer.example/ready"],
            in: directory
        )
        #expect(oauth1.status == 0 && oauth1.output.contains("client_secret"))
    }

    @Test func badInputEndsWithOneLineAndNonZeroExit() async throws {
        let directory = try Self.temporaryDirectory()
        let badURI = try await DemoProcess.run(["create-client", "--name", "x", "--redirect-uri", "javascript:alert(1)"], in: directory)
        #expect(badURI.status != 0 && !badURI.output.contains("Fatal error"))
        let unreachable = try await DemoProcess.run(
            [
                "create-user", "--username", "bob", "--password", "long enough", "--database",
                "postgres://u:p@127.0.0.1:1/db?sslmode=disable",
            ],
            in: directory
        )
        #expect(unreachable.status != 0)
        #expect(unreachable.output.split(separator: "\n").filter { $0.hasPrefix("error:") }.count == 1)
        let publicPlainHTTP = try await DemoProcess.run(["serve", "--host", "0.0.0.0", "--port", "1"], in: directory)
        #expect(publicPlainHTTP.status != 0 && publicPlainHTTP.output.contains("refusing plain http"))

        let first = try await DemoProcess.serve(in: directory)
        let busy = try await DemoProcess.run(["serve", "--port", String(first.port)], in: directory)
        #expect(busy.status != 0 && busy.output.contains("already in use"))
        _ = await first.stop()
    }
}
