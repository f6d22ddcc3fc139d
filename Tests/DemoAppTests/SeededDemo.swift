import AsyncHTTPClient
import Foundation
import NIOHTTP1
import OAuth2
import Testing

/// A DemoApp started on a fresh SQLite database, with the credentials its first start printed: the
/// demo user's password and the seeded OAuth 2 and OAuth 1 clients.
struct SeededDemo {
    let process: DemoProcess
    let directory: URL
    let password: String
    let clientID: String
    let clientSecret: String
    let oauth1ClientID: String
    let oauth1ClientSecret: String

    /// `http://127.0.0.1:PORT`.
    var base: String { "http://127.0.0.1:\(process.port)" }
    /// The seeded OAuth 2 client's registered redirect URI that no server answers (tests only read `Location`).
    static let redirectURI = "https://client.example/callback"
    /// The seeded OAuth 1 client's registered callback.
    static let oauth1Callback = "https://printer.example.com/ready"

    /// HTTP Basic credentials of the seeded OAuth 2 client.
    var basic: String { Self.basic(clientID, clientSecret) }

    static func basic(_ id: String, _ secret: String) -> String {
        "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString()
    }

    /// Starts DemoApp in a new directory (with `environment` added to the test's), runs `body`,
    /// then stops it and expects a clean exit.
    static func with(
        port: Int? = nil,
        environment: [String: String] = [:],
        _ body: (SeededDemo) async throws -> Void
    ) async throws {
        let directory = try DemoAppTests.temporaryDirectory()
        let process = try await DemoProcess.serve(in: directory, port: port, environment: environment)
        do {
            let demo = try SeededDemo(process: process, directory: directory)
            try await body(demo)
        } catch {
            _ = await process.stop()
            throw error
        }
        #expect(await process.stop() == 0)
    }

    init(process: DemoProcess, directory: URL) throws {
        guard process.process.isRunning else { throw TestFailure("DemoApp did not start: \(process.output.text)") }
        self.process = process
        self.directory = directory
        let userLine = try #require(process.output.text.split(separator: "\n").first { $0.contains("user   ") })
        password = try #require(userLine.split(separator: " ").last.map(String.init))
        clientID = try #require(process.printed("client_id", line: "OAuth 2 client"))
        clientSecret = try #require(process.printed("client_secret", line: "OAuth 2 client"))
        oauth1ClientID = try #require(process.printed("client_id", line: "OAuth 1 client"))
        oauth1ClientSecret = try #require(process.printed("client_secret", line: "OAuth 1 client"))
    }

    /// A cookie-jar client on this demo.
    func browser() -> CookieJarClient { CookieJarClient(base: base) }

    /// A cookie-jar client logged in as the demo user.
    func loggedInBrowser() async throws -> CookieJarClient {
        let browser = browser()
        let login = try await browser.login(username: "demo", password: password)
        guard login.status == 303 else { throw TestFailure("login answered \(login.status): \(login.body)") }
        return browser
    }

    /// `POST /oauth/token` with the seeded client's Basic credentials (or `authorization`).
    func token(_ form: [(String, String)], authorization: String? = nil) async throws -> WebResponse {
        try await browser().post("/oauth/token", form: form, headers: [("Authorization", authorization ?? basic)])
    }

    /// An access token of the demo user from the password grant.
    func passwordToken(scope: String = "profile notes") async throws -> [String: Any] {
        let response = try await token([("grant_type", "password"), ("username", "demo"), ("password", password), ("scope", scope)])
        guard response.status == 200 else { throw TestFailure("password grant answered \(response.status): \(response.body)") }
        return try response.json()
    }

    /// `method path` with a bearer token.
    func api(_ method: HTTPMethod = .GET, _ path: String, bearer: String, json: String? = nil) async throws -> WebResponse {
        var headers = [("Authorization", "Bearer \(bearer)")]
        if json != nil { headers.append(("Content-Type", "application/json")) }
        return try await browser().send(method, path, headers: headers, body: json)
    }

    /// `POST /oauth/introspect` of `token` by the seeded client: whether it is active.
    func isActive(_ token: String) async throws -> Bool {
        let response = try await browser().post("/oauth/introspect", form: [("token", token)], headers: [("Authorization", basic)])
        return try response.json()["active"] as? Bool == true
    }

    /// Runs a DemoApp command on this demo's database while it serves.
    func command(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await DemoProcess.run(arguments, in: directory)
    }

    /// Runs a `create-client`-style command and returns the credentials it printed as JSON.
    func credentials(_ arguments: [String]) async throws -> (id: String, secret: String) {
        let result = try await command(arguments)
        // Standard error (merged) may carry log lines; the credentials are the JSON line.
        guard result.status == 0, let line = result.output.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
            let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String], let id = json["client_id"]
        else { throw TestFailure("\(arguments) failed: \(result.output)") }
        return (id, json["client_secret"] ?? "")
    }

    /// Polls `GET path` with `bearer` until it answers `status`, for at most `seconds` (the bearer
    /// validator reuses a look-up for up to 5 s, so a revoked token may work that long).
    func waitForAPIStatus(_ status: Int, path: String = "/api/me", bearer: String, seconds: Double = 8) async throws -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        var last = 0
        repeat {
            last = try await api(.GET, path, bearer: bearer).status
            if last == status { return last }
            try await Task.sleep(for: .milliseconds(250))
        } while Date() < deadline
        return last
    }
}

/// One authorization code flow with PKCE (RFC 7636, S256): the authorization URL and the token request.
struct OAuth2Flow {
    var clientID: String
    var redirectURI: String
    var scope: String
    var responseType = "code"
    var state = UUID().uuidString
    var verifier = (UUID().uuidString + UUID().uuidString).replacingOccurrences(of: "-", with: "")

    /// `/oauth/authorize?...` for this flow.
    var authorizeURL: String {
        var query = [
            ("response_type", responseType), ("client_id", clientID), ("redirect_uri", redirectURI), ("scope", scope), ("state", state),
        ]
        if responseType == "code" {
            query += [("code_challenge", CodeChallenge.challenge(for: verifier, method: .s256)), ("code_challenge_method", "S256")]
        }
        return "/oauth/authorize?" + CookieJarClient.formEncode(query)
    }

    /// The token request that redeems `code`.
    func tokenForm(code: String, verifier: String? = nil) -> [(String, String)] {
        [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI), ("code_verifier", verifier ?? self.verifier)]
    }
}
