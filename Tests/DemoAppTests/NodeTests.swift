import Foundation
import NIOHTTP1
import OAuthClient
import Testing

/// Several DemoApp processes and crashes: what is acknowledged survives, what one node revokes
/// the other refuses.
@Suite(.serialized)
struct NodeTests {
    /// Client credentials of the demo's seeded OAuth 2 client, read from the first start's output.
    static func seededClient(_ demo: DemoProcess) throws -> (basic: String, password: String) {
        let clientID = try #require(demo.printed("client_id", line: "OAuth 2 client"))
        let secret = try #require(demo.printed("client_secret", line: "OAuth 2 client"))
        let userLine = try #require(demo.output.text.split(separator: "\n").first { $0.contains("user   ") })
        let password = try #require(userLine.split(separator: " ").last.map(String.init))
        return ("Basic " + Data("\(clientID):\(secret)".utf8).base64EncodedString(), password)
    }

    static func issue(_ base: String, basic: String) async throws -> String? {
        let response = try await DemoAppTests.send(
            .POST,
            base + "/oauth/token",
            headers: [("Authorization", basic), ("Content-Type", "application/x-www-form-urlencoded")],
            body: "grant_type=client_credentials&scope=profile"
        )
        guard response.status == 200, let json = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any] else {
            return nil
        }
        return json["access_token"] as? String
    }

    static func isActive(_ base: String, basic: String, token: String) async throws -> Bool {
        let response = try await DemoAppTests.send(
            .POST,
            base + "/oauth/introspect",
            headers: [("Authorization", basic), ("Content-Type", "application/x-www-form-urlencoded")],
            body: "token=\(token)"
        )
        return response.body.contains("\"active\":true")
    }

    @Test func everyAcknowledgedTokenSurvivesSIGKILLOnSQLite() async throws {
        let directory = try DemoAppTests.temporaryDirectory()
        let first = try await DemoProcess.serve(in: directory)
        let (basic, _) = try Self.seededClient(first)
        let base = "http://127.0.0.1:\(first.port)"

        // Issue from several tasks and kill the server in the middle of it.
        let acknowledged = AcknowledgedTokens()
        let issuers = Task {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        while !Task.isCancelled, let token = try? await Self.issue(base, basic: basic) { acknowledged.add(token) }
                    }
                }
            }
        }
        while acknowledged.count < 200 { try await Task.sleep(for: .milliseconds(20)) }
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        issuers.cancel()
        await issuers.value
        let tokens = acknowledged.all
        #expect(tokens.count >= 200)

        let second = try await DemoProcess.serve(in: directory)
        let restarted = "http://127.0.0.1:\(second.port)"
        var lost = 0
        for token in tokens where try await !Self.isActive(restarted, basic: basic, token: token) { lost += 1 }
        #expect(lost == 0, "\(lost) of \(tokens.count) acknowledged tokens were lost")
        let check = try await DemoAppTests.send(.GET, restarted + "/")
        #expect(check.status == 200)
        _ = await second.stop()
    }

    @Test func tokenRevokedOnOneNodeIsRefusedOnTheOtherAfterTheCacheLifetime() async throws {
        guard let database = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_POSTGRES_URL"] else {
            Issue.record("GATEHOUSE_TEST_POSTGRES_URL is not set: run the tests through scripts/test, which starts PostgreSQL")
            return
        }
        let directory = try DemoAppTests.temporaryDirectory()
        // A client of its own, so this test does not depend on which node seeded the shared database.
        let created = try await DemoProcess.run(
            [
                "create-client", "--name", "nodes-\(UUID().uuidString)", "--grant-type", "client_credentials", "--scope", "profile",
                "--database", database,
            ],
            in: directory
        )
        #expect(created.status == 0, "\(created.output)")
        // Standard error (merged here) may carry migration log lines; the credentials are the JSON line.
        let line = try #require(created.output.split(separator: "\n").last { $0.hasPrefix("{") })
        let client = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        let basic = "Basic " + Data("\(client["client_id"] ?? ""):\(client["client_secret"] ?? "")".utf8).base64EncodedString()

        let nodeA = try await DemoProcess.serve(in: directory, extra: ["--database", database])
        let nodeB = try await DemoProcess.serve(in: directory, extra: ["--database", database])
        let (a, b) = ("http://127.0.0.1:\(nodeA.port)", "http://127.0.0.1:\(nodeB.port)")
        let token = try #require(try await Self.issue(a, basic: basic))
        #expect(try await Self.isActive(b, basic: basic, token: token))

        let revoked = try await DemoAppTests.send(
            .POST,
            a + "/oauth/revoke",
            headers: [("Authorization", basic), ("Content-Type", "application/x-www-form-urlencoded")],
            body: "token=\(token)"
        )
        #expect(revoked.status == 200)
        #expect(try await !Self.isActive(b, basic: basic, token: token))  // introspection reads the database
        // Node B may serve its cached look-up for the validator's 5-second cache lifetime, then
        // refuses the token (polled; 30 s only ends a hung test).
        let deadline = Date().addingTimeInterval(30)
        var status = 0
        repeat {
            status = try await DemoAppTests.send(.GET, b + "/api/notes", headers: [("Authorization", "Bearer \(token)")]).status
            if status != 401 { try await Task.sleep(for: .milliseconds(250)) }
        } while status != 401 && Date() < deadline
        #expect(status == 401)
        _ = await nodeA.stop()
        _ = await nodeB.stop()
    }
}

extension NodeTests {
    @Test func oauth1NonceUsedOnOneNodeIsRefusedOnTheOther() async throws {
        try await TwoNodes.with { nodes in
            let session = OAuth1Session(clientID: nodes.oauth1.id, clientSecret: nodes.oauth1.secret)
            try await session.fetchRequestToken(url: nodes.a + "/oauth1/initiate", callbackURI: "oob")
            let browser = try await nodes.loggedInBrowser(on: nodes.a)
            let consent = try await browser.get(try session.createAuthorizationURL(nodes.a + "/oauth1/authorize"))
            let shown = try await browser.submit(try consent.form(action: "/oauth1/authorize"), [("confirm", "yes")])
            let start = try #require(shown.body.range(of: #"<code id="verifier">"#))
            try await session.fetchAccessToken(
                url: nodes.a + "/oauth1/token",
                verifier: String(shown.body[start.upperBound...].prefix { $0 != "<" })
            )

            // One request, signed once (so with one nonce and timestamp) for one Host, sent byte for
            // byte to both nodes with that Host header: only the nonce can tell them apart. A loopback
            // name without a port, which both nodes serve over plain http (any other host is refused).
            let host = "localhost"
            func signed() throws -> [(String, String)] {
                let request = try session.sign(OAuthClientRequest(method: .get, url: "http://\(host)/api/oauth1/me"))
                return request.headers.map { ($0.name.rawName, $0.value) } + [("Host", host)]
            }
            let once = try signed()
            #expect(once.contains { $0.0 == "Authorization" && $0.1.contains("oauth_nonce=") })
            let onA = try await DemoAppTests.send(.GET, nodes.a + "/api/oauth1/me", headers: once)
            #expect(onA.status == 200 && onA.body.contains(#""username":"\#(nodes.username)""#), "\(onA.status) \(onA.body)")
            let onB = try await DemoAppTests.send(.GET, nodes.b + "/api/oauth1/me", headers: once)
            #expect(onB.status == 401, "\(onB.body)")
            #expect(onB.body.contains("invalid_nonce"), "\(onB.body)")

            // The same credentials with a fresh nonce work on B: the nonce alone was refused.
            let fresh = try signed()
            let freshOnB = try await DemoAppTests.send(.GET, nodes.b + "/api/oauth1/me", headers: fresh)
            #expect(freshOnB.status == 200, "\(freshOnB.body)")
        }
    }

    @Test func authorizationCodeRedeemedOnOneNodeIsRefusedOnTheOther() async throws {
        try await TwoNodes.with { nodes in
            let browser = try await nodes.loggedInBrowser(on: nodes.a)
            let flow = OAuth2Flow(clientID: nodes.oauth2.id, redirectURI: SeededDemo.redirectURI, scope: "profile")
            let consent = try await browser.get(flow.authorizeURL)
            #expect(consent.status == 200, "\(consent.body)")
            let granted = try await browser.submit(try consent.form(action: "/oauth/authorize"), [("confirm", "yes")])
            let code = try #require(try granted.locationParameters()["code"])

            let redeemed = try await nodes.token(on: nodes.a, flow.tokenForm(code: code))
            #expect(redeemed.status == 200, "\(redeemed.body)")
            let access = try #require(redeemed.field("access_token") as? String)
            #expect(try await NodeTests.isActive(nodes.b, basic: nodes.basic, token: access))

            let replayed = try await nodes.token(on: nodes.b, flow.tokenForm(code: code))
            #expect(replayed.status == 400, "\(replayed.body)")
            #expect(replayed.field("error") as? String == "invalid_grant")
            // A reused code revokes what it issued (RFC 6749 §4.1.2, RFC 9700 §4.2.4), on every node.
            #expect(try await !NodeTests.isActive(nodes.a, basic: nodes.basic, token: access))
        }
    }

    @Test func sessionFromOneNodeWorksOnTheOther() async throws {
        try await TwoNodes.with { nodes in
            let onA = try await nodes.loggedInBrowser(on: nodes.a)
            let cookie = try #require(onA.cookie("gatehouse_session"))
            let onB = CookieJarClient(base: nodes.b)
            onB.setCookie("gatehouse_session", cookie)

            let home = try await onB.get("/")
            #expect(home.status == 200)
            #expect(home.body.contains("Logged in as <strong>\(nodes.username)</strong>"), "\(home.body)")
            // B shows the consent page without a login, and the code it grants redeems on A.
            let flow = OAuth2Flow(clientID: nodes.oauth2.id, redirectURI: SeededDemo.redirectURI, scope: "profile")
            let consent = try await onB.get(flow.authorizeURL)
            #expect(consent.status == 200 && consent.location == nil, "\(consent.status) \(consent.location ?? "")")
            let granted = try await onB.submit(try consent.form(action: "/oauth/authorize"), [("confirm", "yes")])
            let code = try #require(try granted.locationParameters()["code"])
            #expect(try await nodes.token(on: nodes.a, flow.tokenForm(code: code)).status == 200)

            // Logging out on B ends the session on A too.
            let logout = try await onB.submit(try home.form(action: "/logout"))
            #expect(logout.status == 303)
            let after = try await onA.get("/")
            #expect(!after.body.contains("Logged in as"), "\(after.body)")
        }
    }
}

/// Two DemoApp processes on the shared PostgreSQL database, with a user, an OAuth 2 client and an
/// OAuth 1 client of the test's own (made with the command line, so no test depends on which
/// node or test seeded the database).
struct TwoNodes {
    let directory: URL
    let nodeA: DemoProcess
    let nodeB: DemoProcess
    let username: String
    let password: String
    let oauth2: (id: String, secret: String)
    let oauth1: (id: String, secret: String)

    var a: String { "http://127.0.0.1:\(nodeA.port)" }
    var b: String { "http://127.0.0.1:\(nodeB.port)" }
    var basic: String { SeededDemo.basic(oauth2.id, oauth2.secret) }

    /// The shared database: `GATEHOUSE_TEST_POSTGRES_URL`, set by `scripts/lib/postgres.sh`.
    static func database() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw TestFailure("GATEHOUSE_TEST_POSTGRES_URL is not set: run the tests through scripts/test, which starts PostgreSQL")
        }
        return url
    }

    /// Runs a DemoApp command on `database` and returns the JSON object it printed last.
    static func command(_ arguments: [String], database: String, in directory: URL) async throws -> [String: String] {
        let result = try await DemoProcess.run(arguments + ["--database", database], in: directory)
        // Standard error (merged here) may carry migration log lines; the answer is the JSON line.
        guard result.status == 0, let line = result.output.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
            let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        else { throw TestFailure("\(arguments.prefix(1)) failed: \(result.output)") }
        return json
    }

    /// Creates the fixtures, starts both nodes, runs `body`, and stops both nodes whatever happens.
    static func with(_ body: (TwoNodes) async throws -> Void) async throws {
        let database = try database()
        let directory = try DemoAppTests.temporaryDirectory()
        let tag = UUID().uuidString.prefix(8).lowercased()
        let username = "node-\(tag)"
        let password = "nodes-password-\(tag)"
        _ = try await command(["create-user", "--username", username, "--password", password], database: database, in: directory)
        let oauth2 = try await command(
            [
                "create-client", "--name", "nodes-\(tag)", "--redirect-uri", SeededDemo.redirectURI,
                "--grant-type", "authorization_code", "--grant-type", "refresh_token", "--scope", "profile notes",
            ],
            database: database,
            in: directory
        )
        let oauth1 = try await command(
            ["create-oauth1-client", "--name", "nodes-\(tag)", "--callback-uri", SeededDemo.oauth1Callback],
            database: database,
            in: directory
        )
        let nodeA = try await DemoProcess.serve(in: directory, extra: ["--database", database])
        let nodeB = try await DemoProcess.serve(in: directory, extra: ["--database", database])
        do {
            guard nodeA.process.isRunning, nodeB.process.isRunning else {
                throw TestFailure("a node did not start: \(nodeA.output.text) \(nodeB.output.text)")
            }
            let nodes = TwoNodes(
                directory: directory,
                nodeA: nodeA,
                nodeB: nodeB,
                username: username,
                password: password,
                oauth2: (oauth2["client_id"] ?? "", oauth2["client_secret"] ?? ""),
                oauth1: (oauth1["client_id"] ?? "", oauth1["client_secret"] ?? "")
            )
            try await body(nodes)
        } catch {
            _ = await nodeA.stop()
            _ = await nodeB.stop()
            throw error
        }
        #expect(await nodeA.stop() == 0)
        #expect(await nodeB.stop() == 0)
    }

    /// A cookie-jar client logged in as this test's user on `node`.
    func loggedInBrowser(on node: String) async throws -> CookieJarClient {
        let browser = CookieJarClient(base: node)
        let login = try await browser.login(username: username, password: password)
        guard login.status == 303 else { throw TestFailure("login on \(node) answered \(login.status): \(login.body)") }
        return browser
    }

    /// `POST /oauth/token` on `node` with this test's OAuth 2 client.
    func token(on node: String, _ form: [(String, String)]) async throws -> WebResponse {
        try await CookieJarClient(base: node).post("/oauth/token", form: form, headers: [("Authorization", basic)])
    }
}

/// Tokens whose issuance response reached the client.
final class AcknowledgedTokens: @unchecked Sendable {
    private let lock = NSLock()
    private var tokens: [String] = []

    func add(_ token: String) {
        lock.lock()
        tokens.append(token)
        lock.unlock()
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return tokens.count
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return tokens
    }
}
