import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import Testing

/// A bounded mixed load against the built DemoApp (issue 9, "Load and soak"): many concurrent
/// clients run authorization code flows (login and consent through a cookie jar, PKCE),
/// client-credentials issuance, refreshes, protected calls and revocations. No answer may be a 5xx
/// or otherwise unexpected, no token may be issued twice, and at the end every acknowledged token
/// introspects as the load left it: active unless it was revoked or rotated away.
///
/// 30 seconds on SQLite in the test command. `scripts/soak` runs it longer (`GATEHOUSE_SOAK_SECONDS`)
/// on SQLite and PostgreSQL (`GATEHOUSE_SOAK_ENGINE`), sampling DemoApp's memory through the
/// process id written to `GATEHOUSE_SOAK_PIDFILE`.
@Suite(.serialized)
struct LoadTests {
    static let environment = ProcessInfo.processInfo.environment
    /// How long the load runs: `GATEHOUSE_SOAK_SECONDS`, else 30.
    static var seconds: Double { environment["GATEHOUSE_SOAK_SECONDS"].flatMap(Double.init) ?? 30 }
    /// Concurrent clients, each with its own connection: `GATEHOUSE_LOAD_CONNECTIONS`, else 256.
    static var connections: Int { environment["GATEHOUSE_LOAD_CONNECTIONS"].flatMap(Int.init) ?? 256 }
    /// `sqlite` (default) or `postgres` (`GATEHOUSE_TEST_POSTGRES_URL`): `GATEHOUSE_SOAK_ENGINE`.
    static var engine: String { environment["GATEHOUSE_SOAK_ENGINE"] ?? "sqlite" }

    @Test func mixedLoadAnswersNo5xxAndLosesOrDuplicatesNoToken() async throws {
        let target = try await LoadTarget.start(engine: Self.engine)
        let http = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: HTTPClient.Configuration(
                redirectConfiguration: .disallow,
                timeout: .init(connect: .seconds(10), read: .seconds(60)),
                connectionPool: .init(idleTimeout: .seconds(120), concurrentHTTP1ConnectionsPerHostSoftLimit: Self.connections)
            )
        )
        do {
            try await Self.run(target, http: http)
        } catch {
            try? await http.shutdown()
            _ = await target.process.stop()
            throw error
        }
        try await http.shutdown()
        #expect(await target.process.stop() == 0)
    }

    static func run(_ target: LoadTarget, http: HTTPClient) async throws {
        // One logged-in session per user, shared by several clients (logins are deliberately slow
        // scrypt hashes; a session serves any number of consent pages).
        var sessions: [CookieJarClient] = []
        for user in target.users {
            let browser = CookieJarClient(base: target.base, client: http)
            let login = try await browser.login(username: user.name, password: user.password)
            guard login.status == 303 else { throw TestFailure("login answered \(login.status): \(login.body)") }
            _ = try await browser.get("/")  // the session's CSRF token exists before the clients share it
            sessions.append(browser)
        }

        let seconds = Self.seconds
        let connections = Self.connections
        let counter = RequestCounter()
        let clock = ContinuousClock()
        let started = clock.now
        let deadline = started.advanced(by: .milliseconds(Int(seconds * 1000)))
        print("LoadTests: \(target.engine), \(connections) concurrent clients for \(Int(seconds)) s against pid \(target.pid)")
        let progress = Task {
            var last = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(10))
                let total = counter.value
                let elapsed = started.duration(to: clock.now)
                print("LoadTests: \(Int(Self.seconds(elapsed))) s, \(total) requests, \((total - last) / 10) req/s")
                last = total
            }
        }
        let (base, basic, clientID) = (target.base, target.basic, target.clientID)
        let reports = await withTaskGroup(of: LoadReport.self) { group in
            for index in 0..<connections {
                let session = sessions[index % sessions.count]
                group.addTask {
                    let worker = LoadWorker(
                        basic: basic,
                        clientID: clientID,
                        browser: session,
                        api: CookieJarClient(base: base, client: http),
                        counter: counter
                    )
                    await worker.run(until: deadline)
                    return worker.report
                }
            }
            var reports: [LoadReport] = []
            for await report in group { reports.append(report) }
            return reports
        }
        progress.cancel()
        let elapsed = Self.seconds(started.duration(to: clock.now))
        let report = LoadReport.merged(reports)
        report.print(engine: target.engine, connections: connections, seconds: elapsed)

        #expect(report.serverErrors == 0, "5xx answers: \(report.problems.prefix(10))")
        #expect(report.unexpected == 0, "unexpected answers: \(report.problems.prefix(10))")
        #expect(report.transportErrors == 0, "requests that got no answer: \(report.problems.prefix(10))")
        #expect(report.requests > 0)

        // No token issued twice.
        #expect(Set(report.issuedAccess).count == report.issuedAccess.count, "duplicate access tokens")
        #expect(Set(report.issuedRefresh).count == report.issuedRefresh.count, "duplicate refresh tokens")

        // Every acknowledged token introspects as the load left it.
        let checker = CookieJarClient(base: target.base, client: http)
        let lost = try await Self.countMismatches(report.active, expectActive: true, checker: checker, basic: target.basic)
        let resurrected = try await Self.countMismatches(report.revoked, expectActive: false, checker: checker, basic: target.basic)
        print(
            "LoadTests: introspected \(report.active.count) active tokens (\(lost) not active) and \(report.revoked.count) "
                + "revoked or rotated tokens (\(resurrected) still active)"
        )
        #expect(lost == 0, "\(lost) of \(report.active.count) acknowledged tokens are not active")
        #expect(resurrected == 0, "\(resurrected) of \(report.revoked.count) revoked tokens are still active")
        #expect(target.process.process.isRunning)
    }

    /// How many of `tokens` do not introspect as `expectActive`, checked by 32 concurrent clients.
    static func countMismatches(_ tokens: [String], expectActive: Bool, checker: CookieJarClient, basic: String) async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            let lanes = 32
            for lane in 0..<lanes {
                group.addTask {
                    var mismatches = 0
                    for index in stride(from: lane, to: tokens.count, by: lanes) {
                        let response = try await checker.post(
                            "/oauth/introspect",
                            form: [("token", tokens[index])],
                            headers: [("Authorization", basic)]
                        )
                        let active = response.status == 200 && (response.field("active") as? Bool) == true
                        if active != expectActive { mismatches += 1 }
                    }
                    return mismatches
                }
            }
            return try await group.reduce(0, +)
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// DemoApp serving a database of the load test's own making: users and an OAuth 2 client created
/// with the command line, so SQLite and a shared PostgreSQL database are set up the same way.
struct LoadTarget {
    struct User: Sendable {
        var name: String
        var password: String
    }

    let engine: String
    let process: DemoProcess
    let pid: Int32
    let base: String
    let clientID: String
    let basic: String
    let users: [User]

    static func start(engine: String, users count: Int = 8) async throws -> LoadTarget {
        let directory = try DemoAppTests.temporaryDirectory()
        let database: String
        switch engine {
        case "sqlite": database = directory.appendingPathComponent("load.sqlite").path
        case "postgres": database = try TwoNodes.database()
        default: throw TestFailure("GATEHOUSE_SOAK_ENGINE must be sqlite or postgres, not \(engine)")
        }
        let tag = UUID().uuidString.prefix(8).lowercased()
        var users: [User] = []
        for index in 0..<count {
            let user = User(name: "load-\(tag)-\(index)", password: "load-password-\(tag)-\(index)")
            _ = try await TwoNodes.command(
                ["create-user", "--username", user.name, "--password", user.password],
                database: database,
                in: directory
            )
            users.append(user)
        }
        let client = try await TwoNodes.command(
            [
                "create-client", "--name", "load-\(tag)", "--redirect-uri", SeededDemo.redirectURI,
                "--grant-type", "authorization_code", "--grant-type", "refresh_token", "--grant-type", "client_credentials",
                "--scope", "profile notes",
            ],
            database: database,
            in: directory
        )
        let clientID = try #require(client["client_id"])
        let secret = try #require(client["client_secret"])
        let process = try await DemoProcess.serve(in: directory, extra: ["--database", database])
        guard process.process.isRunning, process.output.text.contains("Listening on") else {
            _ = await process.stop()
            throw TestFailure("DemoApp did not start: \(process.output.text)")
        }
        let pid = process.process.processIdentifier
        if let file = LoadTests.environment["GATEHOUSE_SOAK_PIDFILE"], !file.isEmpty {
            try "\(pid)\n".write(toFile: file, atomically: true, encoding: .utf8)
        }
        return LoadTarget(
            engine: engine,
            process: process,
            pid: pid,
            base: "http://127.0.0.1:\(process.port)",
            clientID: clientID,
            basic: SeededDemo.basic(clientID, secret),
            users: users
        )
    }
}

/// One client of the load: a loop of weighted operations on tokens of its own. Lives in one task.
final class LoadWorker {
    /// An access token with its refresh token, if it has one, and whether a user is behind it.
    struct Grant {
        var access: String
        var refresh: String?
        var hasUser: Bool
    }

    let basic: String
    let clientID: String
    let browser: CookieJarClient
    let api: CookieJarClient
    let counter: RequestCounter
    var report = LoadReport()
    /// Tokens this worker holds that should still be active.
    var grants: [Grant] = []

    init(basic: String, clientID: String, browser: CookieJarClient, api: CookieJarClient, counter: RequestCounter) {
        self.basic = basic
        self.clientID = clientID
        self.browser = browser
        self.api = api
        self.counter = counter
    }

    func run(until deadline: ContinuousClock.Instant) async {
        while ContinuousClock.now < deadline {
            let roll = Int.random(in: 0..<100)
            let userGrants = grants.indices.filter { grants[$0].hasUser }
            switch roll {
            case 0..<12: await authorizationCodeFlow()
            case 12..<27: await clientCredentials()
            case 27..<37:
                if let index = grants.indices.filter({ grants[$0].refresh != nil }).randomElement() {
                    await refresh(index)
                } else {
                    await authorizationCodeFlow()
                }
            case 37..<92:
                guard let index = userGrants.randomElement() else {
                    await authorizationCodeFlow()
                    continue
                }
                let bearer = grants[index].access
                switch roll {
                case 37..<62:
                    _ = await call("me", expect: 200) { try await api.get("/api/me", headers: [("Authorization", "Bearer \(bearer)")]) }
                case 62..<88:
                    _ = await call("notes list", expect: 200) {
                        try await api.get("/api/notes", headers: [("Authorization", "Bearer \(bearer)")])
                    }
                default:
                    _ = await call("notes add", expect: 201) {
                        try await api.send(
                            .POST,
                            "/api/notes",
                            headers: [("Authorization", "Bearer \(bearer)"), ("Content-Type", "application/json")],
                            body: #"{"text":"load note"}"#
                        )
                    }
                }
            default:
                if let index = grants.indices.randomElement() { await revoke(index) }
            }
            // Keep the working set small; what leaves it stays on the books for the final check.
            if grants.count > 24 {
                report.active.append(contentsOf: grants.prefix(grants.count - 24).map(\.access))
                grants.removeFirst(grants.count - 24)
            }
        }
        report.active.append(contentsOf: grants.map(\.access))
        grants = []
    }

    /// Consent page, consent, and the code redeemed with its PKCE verifier.
    func authorizationCodeFlow() async {
        let flow = OAuth2Flow(clientID: clientID, redirectURI: SeededDemo.redirectURI, scope: "profile notes")
        guard let consent = await call("authorize page", expect: 200, { try await browser.get(flow.authorizeURL) }),
            let form = try? consent.form(action: "/oauth/authorize")
        else { return }
        guard let granted = await call("authorize consent", expect: 303, { try await browser.submit(form, [("confirm", "yes")]) }) else {
            return
        }
        guard let code = (try? granted.locationParameters())?["code"] else {
            report.problem(unexpected: "consent gave no code: \(granted.location ?? "no Location")")
            return
        }
        guard
            let token = await call(
                "code exchange",
                expect: 200,
                { try await api.post("/oauth/token", form: flow.tokenForm(code: code), headers: [("Authorization", basic)]) }
            )
        else { return }
        issued(token, hasUser: true)
    }

    func clientCredentials() async {
        guard
            let token = await call(
                "client credentials",
                expect: 200,
                {
                    try await api.post(
                        "/oauth/token",
                        form: [("grant_type", "client_credentials"), ("scope", "profile")],
                        headers: [("Authorization", basic)]
                    )
                }
            )
        else { return }
        issued(token, hasUser: false)
    }

    /// Refreshes grant `index`: its access token is rotated away (revoked), the new pair is active.
    func refresh(_ index: Int) async {
        let old = grants[index]
        guard let refreshToken = old.refresh else { return }
        guard
            let token = await call(
                "refresh",
                expect: 200,
                {
                    try await api.post(
                        "/oauth/token",
                        form: [("grant_type", "refresh_token"), ("refresh_token", refreshToken)],
                        headers: [("Authorization", basic)]
                    )
                }
            )
        else { return }
        grants.remove(at: index)
        report.revoked.append(old.access)
        issued(token, hasUser: old.hasUser)
    }

    /// Revokes the access token of grant `index` (RFC 7009).
    func revoke(_ index: Int) async {
        let grant = grants[index]
        guard
            await call(
                "revoke",
                expect: 200,
                {
                    try await api.post(
                        "/oauth/revoke",
                        form: [("token", grant.access), ("token_type_hint", "access_token")],
                        headers: [("Authorization", basic)]
                    )
                }
            ) != nil
        else { return }
        grants.remove(at: index)
        report.revoked.append(grant.access)
    }

    func issued(_ response: WebResponse, hasUser: Bool) {
        guard let access = response.field("access_token") as? String else {
            report.problem(unexpected: "a token response without access_token: \(response.body)")
            return
        }
        let refresh = response.field("refresh_token") as? String
        report.issuedAccess.append(access)
        if let refresh { report.issuedRefresh.append(refresh) }
        grants.append(Grant(access: access, refresh: refresh, hasUser: hasUser))
    }

    /// Sends one request, timing it and checking its status; `nil` unless the status is `expect`.
    func call(_ kind: String, expect: Int, _ send: () async throws -> WebResponse) async -> WebResponse? {
        let clock = ContinuousClock()
        let start = clock.now
        let response: WebResponse
        do {
            response = try await send()
        } catch {
            counter.increment()
            report.record(kind, milliseconds: LoadTests.seconds(start.duration(to: clock.now)) * 1000)
            report.transportErrors += 1
            report.problems.append("\(kind): \(error)")
            return nil
        }
        counter.increment()
        report.record(kind, milliseconds: LoadTests.seconds(start.duration(to: clock.now)) * 1000)
        if response.status >= 500 {
            report.serverErrors += 1
            report.problems.append("\(kind): \(response.status) \(response.body.prefix(200))")
            return nil
        }
        guard response.status == expect else {
            report.problem(unexpected: "\(kind): \(response.status) (expected \(expect)) \(response.body.prefix(200))")
            return nil
        }
        return response
    }
}

/// Requests sent so far, for the progress lines.
final class RequestCounter: Sendable {
    private let count = Atomic<Int>(0)

    func increment() { count.add(1, ordering: .relaxed) }

    var value: Int { count.load(ordering: .relaxed) }
}

/// What the load saw: latencies, failures and the tokens it holds.
struct LoadReport: Sendable {
    var latencies: [Double] = []
    var byKind: [String: [Double]] = [:]
    var serverErrors = 0
    var unexpected = 0
    var transportErrors = 0
    var problems: [String] = []
    var issuedAccess: [String] = []
    var issuedRefresh: [String] = []
    /// Acknowledged access tokens that should introspect as active at the end.
    var active: [String] = []
    /// Access tokens revoked, or rotated away by a refresh, that should introspect as inactive.
    var revoked: [String] = []

    var requests: Int { latencies.count }

    mutating func record(_ kind: String, milliseconds: Double) {
        latencies.append(milliseconds)
        byKind[kind, default: []].append(milliseconds)
    }

    mutating func problem(unexpected text: String) {
        unexpected += 1
        if problems.count < 100 { problems.append(text) }
    }

    static func merged(_ reports: [LoadReport]) -> LoadReport {
        var merged = LoadReport()
        for report in reports {
            merged.latencies += report.latencies
            merged.byKind.merge(report.byKind) { $0 + $1 }
            merged.serverErrors += report.serverErrors
            merged.unexpected += report.unexpected
            merged.transportErrors += report.transportErrors
            merged.problems += report.problems.prefix(20)
            merged.issuedAccess += report.issuedAccess
            merged.issuedRefresh += report.issuedRefresh
            merged.active += report.active
            merged.revoked += report.revoked
        }
        return merged
    }

    /// The `fraction` percentile of `values` (nearest rank), in the values' unit.
    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    func print(engine: String, connections: Int, seconds: Double) {
        func format(_ value: Double) -> String { String(format: "%.1f", value) }
        Swift.print(
            "LoadTests: \(engine), \(connections) clients, \(format(seconds)) s: \(requests) requests, "
                + "\(format(Double(requests) / seconds)) req/s, p50 \(format(Self.percentile(latencies, 0.5))) ms, "
                + "p99 \(format(Self.percentile(latencies, 0.99))) ms, 5xx \(serverErrors), unexpected \(unexpected), "
                + "no answer \(transportErrors); tokens issued \(issuedAccess.count), refresh tokens \(issuedRefresh.count)"
        )
        for (kind, values) in byKind.sorted(by: { $0.key < $1.key }) {
            Swift.print(
                "LoadTests:   \(kind): \(values.count), p50 \(format(Self.percentile(values, 0.5))) ms, "
                    + "p99 \(format(Self.percentile(values, 0.99))) ms"
            )
        }
    }
}
