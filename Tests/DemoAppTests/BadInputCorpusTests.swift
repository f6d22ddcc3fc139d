import Foundation
import Testing

/// Replays the bad-input corpus (`Tests/BadInput/cases`, written by `Tests/BadInput/generate.py`)
/// over real TCP sockets against the built DemoApp, after seeding a logged-in session, tokens,
/// a registered client and OAuth 1 credentials through the real endpoints. Every case must be
/// refused with a 4xx (or the explicit, justified exception its file name carries), never a 5xx,
/// a hang or a silent close; no response may carry an injected header; the server must keep
/// serving; and afterwards the database must pass `PRAGMA integrity_check` with nothing lost.
@Suite(.serialized)
struct BadInputCorpusTests {
    static let corpus = DemoProcess.repository.appendingPathComponent("Tests/BadInput/cases")

    /// What a case expects, from the tag before `.http` in its file name (README.md).
    enum Expectation: String, Sendable {
        /// No tag: a 4xx.
        case clientError = "4xx"
        /// `.redirect`: a 3xx back to a registered client carrying `error=`, or to a local path.
        case redirect
        /// `.ok`: a 2xx the RFCs require, or free text accepted verbatim.
        case ok
        /// `.close`: an incomplete message; a 4xx or a close without a response once the client
        /// half-closes (RFC 9112 §8).
        case close
    }

    struct Case: Sendable {
        var name: String
        var group: String
        var expectation: Expectation
        var bytes: [UInt8]

        /// The request method, for reading a `HEAD` response right.
        var method: String {
            let start = bytes.firstIndex { $0 != 13 && $0 != 10 } ?? 0
            let end = bytes[start...].firstIndex { $0 == 32 || $0 == 13 || $0 == 10 } ?? bytes.count
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
    }

    static func loadCases() throws -> [Case] {
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix(".http") }.sorted()
        return try names.map { name in
            let parts = name.split(separator: ".")
            let tag = parts.count >= 3 ? String(parts[parts.count - 2]) : ""
            let expectation = Expectation(rawValue: tag) ?? .clientError
            let stem = parts[0].split(separator: "-", maxSplits: 2)
            let group = stem.count == 3 ? String(stem[1]) : "?"
            let bytes = try [UInt8](Data(contentsOf: corpus.appendingPathComponent(name)))
            return Case(name: name, group: group, expectation: expectation, bytes: bytes)
        }
    }

    @Test func corpusHasAtLeast200NamedCasesWithKnownPlaceholders() throws {
        let cases = try Self.loadCases()
        #expect(cases.count >= 200)
        let groups = Set(cases.map(\.group))
        for group in [
            "reqline", "header", "encoding", "nul", "crlf", "redirecturi", "twice", "token", "sql", "ctype", "chunked", "smuggle",
        ] {
            #expect(groups.contains(group), "no cases in group \(group)")
        }
        for testCase in cases {
            let parts = testCase.name.split(separator: ".")
            #expect(parts.count == 2 || Expectation(rawValue: String(parts[parts.count - 2])) != nil, "unknown tag in \(testCase.name)")
            for name in BadInputReplayer.placeholders(in: testCase.bytes) {
                #expect(BadInputReplayer.knownPlaceholders.contains(name), "unknown placeholder {{\(name)}} in \(testCase.name)")
            }
        }
    }

    /// The database DemoApp runs on: its embedded SQLite default always, and PostgreSQL too when
    /// the test command provides a server (`GATEHOUSE_TEST_POSTGRES_URL`, scripts/lib/postgres.sh).
    enum Backend: String, Sendable, CustomTestStringConvertible {
        case sqlite
        case postgres

        static var available: [Backend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }
        static var postgresURL: String? {
            ProcessInfo.processInfo.environment["GATEHOUSE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
        }
        var testDescription: String { rawValue }
    }

    /// Cases PostgreSQL turns into a 500 today: a NUL byte reaching a text parameter fails the
    /// statement (SQLSTATE 22021, "invalid byte sequence for encoding UTF8: 0x00") and the store
    /// reports it as an outage. Recorded as known issues on PostgreSQL only until OAuthStores (or
    /// the form decoders) refuse NUL before it reaches SQL; SQLite must pass them.
    @Test(arguments: Backend.available)
    func everyCaseIsRefusedAndTheServerKeepsServingWithNothingLost(_ backend: Backend) async throws {
        let cases = try Self.loadCases()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-badinput-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database: Database
        switch backend {
        case .sqlite: database = .sqlite(directory.appendingPathComponent("gatehouse-demo.sqlite").path)
        case .postgres: database = try .freshPostgres(from: try #require(Backend.postgresURL))
        }
        let demo = try await DemoProcess.serve(in: directory, extra: database.serveArguments)
        defer { _ = demo.process.isRunning ? demo.process.terminate() : () }
        try #require(demo.process.isRunning, "DemoApp did not start: \(demo.output.text)")

        let replayer = try await BadInputReplayer.seed(demo)
        let before = try database.rowCounts()

        var byStatus: [String: Int] = [:]
        var byGroup: [String: Int] = [:]
        var failures = 0
        for testCase in cases {
            byGroup[testCase.group, default: 0] += 1
            let problems: [String]
            let outcome: String
            do {
                let bytes = try await replayer.fill(testCase.bytes)
                let exchange = try await RawSocket.exchange(
                    port: demo.port,
                    bytes: bytes,
                    method: testCase.method,
                    halfClose: testCase.expectation == .close,
                    deadline: 5
                )
                outcome = exchange.response.map { String($0.status) } ?? (exchange.closedByServer ? "closed" : "timeout")
                problems = Self.check(exchange, against: testCase.expectation)
            } catch {
                outcome = "error"
                problems = ["replay failed: \(error)"]
            }
            byStatus[outcome, default: 0] += 1
            var all = problems
            let probe = try? await RawSocket.request(port: demo.port, "GET", "/.well-known/oauth-authorization-server", deadline: 5)
            if probe?.status != 200 {
                all.append("the server stopped serving afterwards (metadata probe: \(probe.map { String($0.status) } ?? "no answer"))")
            }
            if !all.isEmpty {
                failures += 1
                Issue.record("\(testCase.name): \(all.joined(separator: "; "))")
            }
            if !demo.process.isRunning {
                Issue.record("DemoApp exited after \(testCase.name): \(demo.output.text.suffix(2000))")
                return
            }
        }

        print(
            """
            Bad-input corpus on \(backend.rawValue): \(cases.count) cases, \(failures) failing
              by status: \(byStatus.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: ", "))
              by group:  \(byGroup.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            """
        )
        try await replayer.expectSeededStateStillWorks()
        #expect(await demo.stop() == 0)

        if case .sqlite(let path) = database {
            let integrity = try Self.run("sqlite3", ["-readonly", path, "PRAGMA integrity_check;"])
            #expect(integrity.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "integrity_check: \(integrity)")
        }
        let after = try database.rowCounts()
        for (table, count) in before {
            #expect((after[table] ?? 0) >= count, "rows lost from \(table): \(count) before, \(after[table] ?? 0) after")
        }
        try database.drop()
    }

    /// What is wrong with `exchange` for a case expecting `expectation` (empty when all is well).
    static func check(_ exchange: RawSocket.Exchange, against expectation: Expectation) -> [String] {
        var problems: [String] = []
        for response in exchange.responses {
            if response.status >= 500 { problems.append("answered \(response.status)") }
            for field in response.headers {
                let name = field.name.lowercased()
                if name == "x-injected" || name == "x-smuggled" || (name == "set-cookie" && field.value.lowercased().hasPrefix("injected"))
                {
                    problems.append("injected header line \(field.name): \(field.value)")
                }
            }
        }
        if exchange.responses.contains(where: \.endsAtClose), !exchange.closedByServer {
            problems.append("a response without Content-Length on a connection left open: a client would wait for the close")
        }
        guard let response = exchange.response else {
            if exchange.timedOut {
                problems.append("no response within \(Int(exchange.seconds)) s (hang)")
            } else if expectation != .close {
                problems.append("connection closed without a response")
            }
            return problems
        }
        let status = response.status
        switch expectation {
        case .clientError, .close:
            if !(400..<500).contains(status) { problems.append("expected 4xx, got \(status)") }
        case .ok:
            if !(200..<300).contains(status) { problems.append("expected 2xx, got \(status)") }
        case .redirect:
            let location = response.header("location") ?? ""
            let local = location.hasPrefix("/") && !location.hasPrefix("//") && !location.hasPrefix("/\\")
            if !(300..<400).contains(status) || !(location.contains("error=") || local) {
                problems.append("expected an error redirect or a local one, got \(status) to \(location.prefix(120))")
            }
        }
        return problems
    }

    /// Where DemoApp keeps its data for one run, and how the test reads it back.
    enum Database {
        case sqlite(String)
        case postgres(url: String, admin: String, name: String)

        static let tables = ["demo_users", "demo_notes", "oauth2_clients", "oauth2_tokens", "oauth1_clients", "oauth1_token_credentials"]

        /// A new, empty database on the server `url` names, so DemoApp's first start seeds it.
        static func freshPostgres(from url: String) throws -> Database {
            guard var components = URLComponents(string: url) else { throw RawSocket.Failure(description: "bad PostgreSQL URL") }
            let name = "gatehouse_badinput_\(UInt32.random(in: 0...UInt32.max))"
            _ = try BadInputCorpusTests.run("psql", [url, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", "CREATE DATABASE \(name)"])
            components.path = "/" + name
            return .postgres(url: components.string ?? url, admin: url, name: name)
        }

        var serveArguments: [String] {
            switch self {
            case .sqlite: []
            case .postgres(let url, _, _): ["--database", url]
            }
        }

        /// Rows per table, read with the database's own command-line shell.
        func rowCounts() throws -> [String: Int] {
            let query = Self.tables.map { "SELECT '\($0)', count(*) FROM \($0);" }.joined(separator: " ")
            let output: String
            switch self {
            case .sqlite(let path): output = try BadInputCorpusTests.run("sqlite3", ["-readonly", path, query])
            case .postgres(let url, _, _):
                output = try BadInputCorpusTests.run("psql", [url, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", query])
            }
            var counts: [String: Int] = [:]
            for line in output.split(separator: "\n") {
                let columns = line.split(separator: "|")
                if columns.count == 2, let count = Int(columns[1]) { counts[String(columns[0])] = count }
            }
            return counts
        }

        func drop() throws {
            if case .postgres(_, let admin, let name) = self {
                _ = try BadInputCorpusTests.run("psql", [admin, "-qAt", "-c", "DROP DATABASE IF EXISTS \(name)"])
            }
        }
    }

    /// Runs a command-line tool found on `PATH` and returns its output; throws on a non-zero exit.
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw RawSocket.Failure(description: "\(tool) failed (\(process.terminationStatus)): \(output)")
        }
        return output
    }
}

/// Seeds the DemoApp through its first-start output and real endpoints, then fills each case's
/// `{{PLACEHOLDERS}}` (README.md lists them) so requests reach deep paths: an authenticated
/// client, a logged-in session with its CSRF token, live tokens, codes and OAuth 1 credentials.
final class BadInputReplayer {
    static let knownPlaceholders: Set<String> = [
        "HOST", "CONTENT_LENGTH", "CLIENT_ID", "CLIENT_SECRET", "BASIC_AUTH", "PASSWORD", "ACCESS_TOKEN", "PROFILE_ONLY_TOKEN",
        "FRESH_ACCESS_TOKEN", "FRESH_REFRESH_TOKEN", "AUTH_CODE", "SESSION_COOKIE", "CSRF", "ANON_SESSION_COOKIE", "ANON_CSRF",
        "OAUTH1_CLIENT_ID", "OAUTH1_CLIENT_SECRET", "OAUTH1_TOKEN", "OAUTH1_TOKEN_SECRET", "OAUTH1_TEMP_TOKEN", "OAUTH1_TEMP_SECRET",
        "OAUTH1_VERIFIER", "NONCE", "TIMESTAMP", "USED_NONCE", "USED_TIMESTAMP",
    ]
    static let redirectURI = "https://client.example/callback"
    static let oauth1Callback = "https://printer.example.com/ready"
    static let form = "Content-Type: application/x-www-form-urlencoded"

    let port: Int
    private(set) var values: [String: String] = [:]
    private var nonceCounter = 0
    /// The client registered through `POST /clients` while seeding.
    private(set) var registeredClientID = ""

    init(port: Int) {
        self.port = port
    }

    // MARK: - Seeding

    static func seed(_ demo: DemoProcess) async throws -> BadInputReplayer {
        let replayer = BadInputReplayer(port: demo.port)
        func require(_ value: String?, _ what: String) throws -> String {
            guard let value, !value.isEmpty else { throw RawSocket.Failure(description: "first start did not print \(what)") }
            return value
        }
        let userLine = demo.output.text.split(separator: "\n").first { $0.contains("user   ") }
        let clientID = try require(demo.printed("client_id", line: "OAuth 2 client"), "the OAuth 2 client")
        let secret = try require(demo.printed("client_secret", line: "OAuth 2 client"), "the OAuth 2 secret")
        replayer.values = [
            "HOST": "127.0.0.1:\(demo.port)",
            "CLIENT_ID": clientID,
            "CLIENT_SECRET": secret,
            "BASIC_AUTH": Data("\(clientID):\(secret)".utf8).base64EncodedString(),
            "PASSWORD": try require(userLine?.split(separator: " ").last.map(String.init), "the demo password"),
            "OAUTH1_CLIENT_ID": try require(demo.printed("client_id", line: "OAuth 1 client"), "the OAuth 1 client"),
            "OAUTH1_CLIENT_SECRET": try require(demo.printed("client_secret", line: "OAuth 1 client"), "the OAuth 1 secret"),
        ]
        try await replayer.seedState()
        return replayer
    }

    private func seedState() async throws {
        // A logged-in session and its CSRF token.
        let (cookie, csrf) = try await login()
        values["SESSION_COOKIE"] = cookie
        values["CSRF"] = csrf

        // Tokens: a long-lived one with every scope, and one with `profile` only.
        values["ACCESS_TOKEN"] = try await passwordToken(scope: "profile email notes").access
        values["PROFILE_ONLY_TOKEN"] = try await passwordToken(scope: "profile").access

        // A client registered from the form, and a note.
        let registered = try await send(
            "POST",
            "/clients",
            headers: [session, Self.form],
            body: "csrf_token=\(csrf)&protocol=oauth2&name=Seeded+client&redirect_uri=https%3A%2F%2Fseeded.example%2Fcb"
                + "&scope=profile&token_endpoint_auth_method=client_secret_post"
        )
        guard registered.status == 201, let id = Self.text(after: "client_id: <code>", until: "<", in: registered.text) else {
            throw RawSocket.Failure(description: "registering a client answered \(registered.status)")
        }
        registeredClientID = id
        let note = try await send(
            "POST",
            "/api/notes",
            headers: [bearer, "Content-Type: application/json"],
            body: #"{"text":"seeded note"}"#
        )
        guard note.status == 201 else { throw RawSocket.Failure(description: "adding a note answered \(note.status)") }

        // OAuth 1 token credentials through initiate, authorize and token.
        let temporary = try await temporaryCredential()
        values["USED_NONCE"] = temporary.nonce
        values["USED_TIMESTAMP"] = temporary.timestamp
        let verifier = try await verifier(for: temporary.token)
        let token = try await oauth1(
            "POST",
            "/oauth1/token",
            token: temporary.token,
            secret: temporary.secret,
            extra: ["oauth_verifier": verifier]
        )
        let fields = Self.formFields(token.text)
        guard token.status == 200, let key = fields["oauth_token"], let tokenSecret = fields["oauth_token_secret"] else {
            throw RawSocket.Failure(description: "OAuth 1 token exchange answered \(token.status): \(token.text)")
        }
        values["OAUTH1_TOKEN"] = key
        values["OAUTH1_TOKEN_SECRET"] = tokenSecret
        let me = try await oauth1("GET", "/api/oauth1/me", token: key, secret: tokenSecret)
        guard me.status == 200 else { throw RawSocket.Failure(description: "/api/oauth1/me answered \(me.status)") }
    }

    /// After the corpus: the seeded user, clients, tokens, session and note all still work.
    func expectSeededStateStillWorks() async throws {
        let me = try await send("GET", "/api/me", headers: [bearer])
        #expect(me.status == 200 && me.text.contains(#""username":"demo""#), "seeded access token: \(me.status) \(me.text)")
        let notes = try await send("GET", "/api/notes", headers: [bearer])
        #expect(notes.status == 200 && notes.text.contains("seeded note"), "seeded note: \(notes.status)")
        let oauth1Me = try await oauth1("GET", "/api/oauth1/me", token: value("OAUTH1_TOKEN"), secret: value("OAUTH1_TOKEN_SECRET"))
        #expect(oauth1Me.status == 200, "seeded OAuth 1 token: \(oauth1Me.status) \(oauth1Me.text)")
        let fresh = try await passwordToken(scope: "profile")
        #expect(!fresh.access.isEmpty, "the demo user's password still works")
        let clientCredentials = try await send(
            "POST",
            "/oauth/token",
            headers: ["Authorization: Basic \(value("BASIC_AUTH"))", Self.form],
            body: "grant_type=client_credentials&scope=profile"
        )
        #expect(clientCredentials.status == 200, "seeded OAuth 2 client: \(clientCredentials.status) \(clientCredentials.text)")
        let home = try await send("GET", "/", headers: [session])
        #expect(
            home.status == 200 && home.text.contains("demo") && home.text.contains(registeredClientID),
            "seeded session and registered client"
        )
        let consent = try await send(
            "GET",
            "/oauth/authorize?response_type=code&client_id=\(registeredClientID)&redirect_uri=https%3A%2F%2Fseeded.example%2Fcb&scope=profile",
            headers: [session]
        )
        #expect(consent.status == 200, "the registered client still authorizes: \(consent.status)")
    }

    // MARK: - Placeholders

    /// The placeholder names in `bytes`, in order of appearance.
    static func placeholders(in bytes: [UInt8]) -> [String] {
        var names: [String] = []
        var index = 0
        while let start = RawSocket.find([123, 123], in: bytes, from: index),
            let end = RawSocket.find([125, 125], in: bytes, from: start + 2)
        {
            let name = String(decoding: bytes[(start + 2)..<end], as: UTF8.self)
            if !name.isEmpty, name.utf8.allSatisfy({ $0 == 95 || (65...90).contains($0) || (48...57).contains($0) }) {
                names.append(name)
                index = end + 2
            } else {
                index = start + 2
            }
        }
        return names
    }

    /// The case's bytes with every placeholder replaced; values that must be fresh (codes,
    /// temporary credentials, anonymous sessions, nonces) are made for this case alone.
    func fill(_ bytes: [UInt8]) async throws -> [UInt8] {
        let names = Set(Self.placeholders(in: bytes))
        guard !names.isEmpty else { return bytes }
        var values = self.values
        if names.contains("ANON_SESSION_COOKIE") || names.contains("ANON_CSRF") {
            let anonymous = try await anonymousSession()
            values["ANON_SESSION_COOKIE"] = anonymous.cookie
            values["ANON_CSRF"] = anonymous.csrf
        }
        if names.contains("FRESH_ACCESS_TOKEN") || names.contains("FRESH_REFRESH_TOKEN") {
            let token = try await passwordToken(scope: "profile")
            values["FRESH_ACCESS_TOKEN"] = token.access
            values["FRESH_REFRESH_TOKEN"] = token.refresh
        }
        if names.contains("AUTH_CODE") { values["AUTH_CODE"] = try await authorizationCode() }
        if !names.isDisjoint(with: ["OAUTH1_TEMP_TOKEN", "OAUTH1_TEMP_SECRET", "OAUTH1_VERIFIER"]) {
            let temporary = try await temporaryCredential()
            values["OAUTH1_TEMP_TOKEN"] = temporary.token
            values["OAUTH1_TEMP_SECRET"] = temporary.secret
            if names.contains("OAUTH1_VERIFIER") { values["OAUTH1_VERIFIER"] = try await verifier(for: temporary.token) }
        }
        values["NONCE"] = nextNonce()
        values["TIMESTAMP"] = String(Int(Date().timeIntervalSince1970))

        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var lengthAt: Int?
        while index < bytes.count {
            if bytes[index] == 123, index + 1 < bytes.count, bytes[index + 1] == 123,
                let end = RawSocket.find([125, 125], in: bytes, from: index + 2)
            {
                let name = String(decoding: bytes[(index + 2)..<end], as: UTF8.self)
                if name == "CONTENT_LENGTH" {
                    lengthAt = output.count
                    index = end + 2
                    continue
                }
                if let value = values[name] {
                    output += Array(value.utf8)
                    index = end + 2
                    continue
                }
            }
            output.append(bytes[index])
            index += 1
        }
        if let lengthAt {
            let headEnd = RawSocket.find([13, 10, 13, 10], in: output, from: lengthAt) ?? output.count
            let length = max(0, output.count - headEnd - 4)
            output.insert(contentsOf: Array(String(length).utf8), at: lengthAt)
        }
        return output
    }

    // MARK: - Flows

    private var session: String { "Cookie: gatehouse_session=\(value("SESSION_COOKIE"))" }
    private var bearer: String { "Authorization: Bearer \(value("ACCESS_TOKEN"))" }

    private func value(_ name: String) -> String { values[name] ?? "" }

    private func send(_ method: String, _ target: String, headers: [String] = [], body: String? = nil) async throws -> RawSocket.Response {
        try await RawSocket.request(port: port, method, target, headers: headers, body: body)
    }

    private func anonymousSession() async throws -> (cookie: String, csrf: String) {
        let page = try await send("GET", "/login")
        guard let cookie = Self.sessionCookie(page), let csrf = Self.csrf(page) else {
            throw RawSocket.Failure(description: "GET /login gave no session or CSRF token")
        }
        return (cookie, csrf)
    }

    private func login() async throws -> (cookie: String, csrf: String) {
        let (anonymous, csrf) = try await anonymousSession()
        let password = PercentEncoded(value("PASSWORD")).text
        let loggedIn = try await send(
            "POST",
            "/login",
            headers: ["Cookie: gatehouse_session=\(anonymous)", Self.form],
            body: "csrf_token=\(csrf)&username=demo&password=\(password)"
        )
        guard (300..<400).contains(loggedIn.status), let cookie = Self.sessionCookie(loggedIn) else {
            throw RawSocket.Failure(description: "login answered \(loggedIn.status)")
        }
        let page = try await send("GET", "/clients", headers: ["Cookie: gatehouse_session=\(cookie)"])
        guard page.status == 200, let sessionCSRF = Self.csrf(page) else {
            throw RawSocket.Failure(description: "GET /clients after login answered \(page.status)")
        }
        return (cookie, sessionCSRF)
    }

    private func passwordToken(scope: String) async throws -> (access: String, refresh: String) {
        let response = try await send(
            "POST",
            "/oauth/token",
            headers: ["Authorization: Basic \(value("BASIC_AUTH"))", Self.form],
            body: "grant_type=password&username=demo&password=\(PercentEncoded(value("PASSWORD")).text)&scope=\(PercentEncoded(scope).text)"
        )
        let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        guard response.status == 200, let access = json?["access_token"] as? String else {
            throw RawSocket.Failure(description: "password grant answered \(response.status): \(response.text)")
        }
        return (access, json?["refresh_token"] as? String ?? "")
    }

    private func authorizationCode() async throws -> String {
        let query = "response_type=code&client_id=\(value("CLIENT_ID"))&redirect_uri=\(PercentEncoded(Self.redirectURI).text)&scope=profile"
        let response = try await send(
            "POST",
            "/oauth/authorize?" + query,
            headers: [session, Self.form],
            body: "csrf_token=\(value("CSRF"))&confirm=yes"
        )
        guard let code = Self.locationParameter("code", response) else {
            throw RawSocket.Failure(description: "authorization answered \(response.status) without a code")
        }
        return code
    }

    private func nextNonce() -> String {
        nonceCounter += 1
        return "n\(UInt64(Date().timeIntervalSince1970 * 1_000_000))x\(nonceCounter)"
    }

    /// An OAuth 1 request signed with PLAINTEXT (RFC 5849 §3.4.4), parameters in the header.
    private func oauth1(
        _ method: String,
        _ target: String,
        token: String? = nil,
        secret: String = "",
        extra: [String: String] = [:],
        nonce: String? = nil,
        timestamp: String? = nil
    ) async throws -> RawSocket.Response {
        var parameters: [(String, String)] = [
            ("oauth_consumer_key", value("OAUTH1_CLIENT_ID")),
            ("oauth_signature_method", "PLAINTEXT"),
            ("oauth_signature", "\(PercentEncoded(value("OAUTH1_CLIENT_SECRET")).text)&\(PercentEncoded(secret).text)"),
            ("oauth_timestamp", timestamp ?? String(Int(Date().timeIntervalSince1970))),
            ("oauth_nonce", nonce ?? nextNonce()),
            ("oauth_version", "1.0"),
        ]
        if let token { parameters.append(("oauth_token", token)) }
        parameters += extra.sorted { $0.key < $1.key }
        let header = "Authorization: OAuth " + parameters.map { "\($0.0)=\"\(PercentEncoded($0.1).text)\"" }.joined(separator: ", ")
        return try await send(method, target, headers: [header], body: method == "POST" ? "" : nil)
    }

    private func temporaryCredential() async throws -> (token: String, secret: String, nonce: String, timestamp: String) {
        let nonce = nextNonce()
        let timestamp = String(Int(Date().timeIntervalSince1970))
        let response = try await oauth1(
            "POST",
            "/oauth1/initiate",
            extra: ["oauth_callback": Self.oauth1Callback],
            nonce: nonce,
            timestamp: timestamp
        )
        let fields = Self.formFields(response.text)
        guard response.status == 200, let token = fields["oauth_token"], let secret = fields["oauth_token_secret"] else {
            throw RawSocket.Failure(description: "OAuth 1 initiate answered \(response.status): \(response.text)")
        }
        return (token, secret, nonce, timestamp)
    }

    private func verifier(for temporaryToken: String) async throws -> String {
        let response = try await send(
            "POST",
            "/oauth1/authorize",
            headers: [session, Self.form],
            body: "csrf_token=\(value("CSRF"))&oauth_token=\(PercentEncoded(temporaryToken).text)&confirm=yes"
        )
        guard let verifier = Self.locationParameter("oauth_verifier", response) else {
            throw RawSocket.Failure(description: "OAuth 1 authorization answered \(response.status) without a verifier")
        }
        return verifier
    }

    // MARK: - Reading responses

    static func sessionCookie(_ response: RawSocket.Response) -> String? {
        let cookies = response.headers.filter { $0.name.lowercased() == "set-cookie" }.map(\.value)
        for cookie in cookies where cookie.hasPrefix("gatehouse_session=") {
            let value = cookie.dropFirst("gatehouse_session=".count).prefix { $0 != ";" }
            if !value.isEmpty { return String(value) }
        }
        return nil
    }

    static func csrf(_ response: RawSocket.Response) -> String? {
        text(after: #"name="csrf_token" value=""#, until: "\"", in: response.text)
    }

    static func text(after marker: String, until end: Character, in text: String) -> String? {
        guard let range = text.range(of: marker) else { return nil }
        let value = text[range.upperBound...].prefix { $0 != end }
        return value.isEmpty ? nil : String(value)
    }

    static func locationParameter(_ name: String, _ response: RawSocket.Response) -> String? {
        guard let location = response.header("location"), let start = location.firstIndex(where: { $0 == "?" || $0 == "#" }) else {
            return nil
        }
        return formFields(String(location[location.index(after: start)...]))[name]
    }

    static func formFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "") : ""
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }
}

/// RFC 3986 percent-encoding of everything but the unreserved characters (form values,
/// OAuth 1 parameters).
struct PercentEncoded {
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    let text: String

    init(_ value: String) {
        text = value.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? value
    }
}
