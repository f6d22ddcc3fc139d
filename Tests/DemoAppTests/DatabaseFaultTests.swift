import Foundation
import GatehouseTesting
import NIOHTTP1
import Synchronization
import Testing

/// PostgreSQL stopped and restarted under load (issue 9, "Faults"): while it is down, DemoApp
/// answers what needs the database with a fast 503 and a JSON `error`, keeps serving what does
/// not, recovers on its own when the database returns, and loses no acknowledged token.
///
/// The test runs its own throw-away cluster (the server binaries `scripts/lib/postgres.sh`
/// installs, `GATEHOUSE_PG_BIN`), so stopping it disturbs no suite running in parallel on the
/// shared one.
@Suite(.serialized)
struct DatabaseFaultTests {
    /// Longest a request may take while the database is down before the test calls it hung. The
    /// first requests wait out the store's 5-second operation deadline, after which the store
    /// fails fast (milliseconds); the times measured are printed, not asserted, since a loaded
    /// machine stretches them: what is asserted is the answer (503 with a JSON error, or 200).
    static let outageDeadline = 30.0
    /// Longest a request may take once the outage is known before the test calls it hung.
    static let fastFailure = 30.0
    /// How long after the database returns requests must succeed again (the driver's pool retries
    /// with a back-off of about a quarter of the outage, at most 60 s; this outage lasts ~10 s).
    static let recoveryBound = 30.0

    @Test func postgresOutageAnswers503FastRecoversAndLosesNoToken() async throws {
        let cluster = try await ThrowAwayPostgres.start()
        do {
            try await Self.outage(cluster)
        } catch {
            await cluster.destroy()  // stopped or not, the cluster goes with the test
            throw error
        }
        await cluster.destroy()
    }

    static func outage(_ cluster: ThrowAwayPostgres) async throws {
        let directory = try DemoAppTests.temporaryDirectory()
        let process = try await DemoProcess.serve(in: directory, extra: ["--database", cluster.url])
        do {
            try await outage(cluster, demo: try SeededDemo(process: process, directory: directory))
        } catch {
            _ = await process.stop()
            throw error
        }
        #expect(await process.stop() == 0)
    }

    static func outage(_ cluster: ThrowAwayPostgres, demo: SeededDemo) async throws {
        let user = try #require(try await demo.passwordToken(scope: "profile notes")["access_token"] as? String)
        var acknowledged = [user]
        for _ in 0..<50 {
            let issued = try await demo.token([("grant_type", "client_credentials"), ("scope", "profile")])
            acknowledged.append(try #require(issued.field("access_token") as? String))
        }

        // Load from six clients through the whole outage: tokens and protected calls.
        let log = FaultLog()
        let (base, basic) = (demo.base, demo.basic)
        let load = Task {
            await withTaskGroup(of: Void.self) { group in
                for lane in 0..<6 {
                    group.addTask {
                        let client = CookieJarClient(base: base)
                        while log.isRunning {
                            if lane.isMultiple(of: 2) {
                                await log.time("token") {
                                    try await client.post(
                                        "/oauth/token",
                                        form: [("grant_type", "client_credentials"), ("scope", "profile")],
                                        headers: [("Authorization", basic)]
                                    )
                                }
                            } else {
                                await log.time("api") { try await client.get("/api/me", headers: [("Authorization", "Bearer \(user)")]) }
                            }
                        }
                    }
                }
            }
        }
        try await Task.sleep(for: .seconds(2))

        try await cluster.stop()
        let stopped = ContinuousClock.now
        // The first requests find out: within the store's deadline.
        let first = try await FaultLog.timed { try await demo.token([("grant_type", "client_credentials")]) }
        #expect(first.response.status == 503, "\(first.response.status) \(first.response.body)")
        #expect(first.seconds < outageDeadline, "the first request during the outage took \(first.seconds) s")

        // Then every request that needs the database fails fast with 503 and a JSON error, while
        // the routes that do not need it keep answering. (`/api/me` with the token the load used is
        // answered from the validator's and the user cache for up to 5 s, then needs the database:
        // 200 or 503, fast either way; a token never seen needs the database at once.)
        var probes: [(String, Double)] = []
        for _ in 0..<5 {
            let cached = try await FaultLog.timed { try await demo.api(.GET, "/api/me", bearer: user) }
            #expect([200, 503].contains(cached.response.status), "cached api: \(cached.response.status) \(cached.response.body)")
            #expect(cached.seconds < fastFailure, "cached api took \(cached.seconds) s while the database was down")
            let checks: [(String, Int, () async throws -> WebResponse)] = [
                ("token", 503, { try await demo.token([("grant_type", "client_credentials")]) }),
                ("api", 503, { try await demo.api(.GET, "/api/me", bearer: "never-seen-" + UUID().uuidString) }),
                ("notes", 503, { try await demo.api(.GET, "/api/notes", bearer: user) }),
                (
                    "introspect", 503,
                    {
                        try await demo.browser().post(
                            "/oauth/introspect",
                            form: [("token", user)],
                            headers: [("Authorization", demo.basic)]
                        )
                    }
                ),
                ("login page", 503, { try await demo.browser().get("/login") }),
                ("metadata", 200, { try await demo.browser().get("/.well-known/oauth-authorization-server") }),
                ("anonymous api", 401, { try await demo.browser().get("/api/me") }),
            ]
            for (name, status, send) in checks {
                let result = try await FaultLog.timed(send)
                probes.append((name, result.seconds))
                #expect(result.response.status == status, "\(name): \(result.response.status) \(result.response.body)")
                #expect(result.seconds < fastFailure, "\(name) took \(result.seconds) s while the database was down")
                if status == 503 {
                    #expect(result.response.field("error") as? String == "temporarily_unavailable", "\(name): \(result.response.body)")
                    #expect(result.response.header("content-type")?.hasPrefix("application/json") == true)
                }
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        let slowest = probes.max { $0.1 < $1.1 }
        print(
            "DatabaseFaultTests: first request after the stop answered 503 in \(String(format: "%.2f", first.seconds)) s; "
                + "then \(probes.count) probes, slowest \(slowest?.0 ?? "-") \(String(format: "%.3f", slowest?.1 ?? 0)) s"
        )
        try await Task.sleep(for: .seconds(2))

        // PostgreSQL returns: requests recover on their own, within a bound.
        try await cluster.start()
        let restarted = ContinuousClock.now
        var recovered: Double?
        while recovered == nil, LoadTests.seconds(restarted.duration(to: .now)) < recoveryBound {
            if try await demo.token([("grant_type", "client_credentials")]).status == 200 {
                recovered = LoadTests.seconds(restarted.duration(to: .now))
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let downFor = LoadTests.seconds(stopped.duration(to: restarted))
        print(
            "DatabaseFaultTests: PostgreSQL down \(String(format: "%.1f", downFor)) s; token issuance recovered "
                + "\(recovered.map { String(format: "%.2f", $0) } ?? "never") s after it came back"
        )
        #expect(recovered != nil, "requests did not recover within \(recoveryBound) s")
        try await Task.sleep(for: .seconds(2))
        log.stop()
        await load.value

        // Under load: no 500, no hang, every failure a 503 with a JSON error.
        let summary = log.summary
        print("DatabaseFaultTests: load during the fault: \(summary.description)")
        #expect(summary.unexpected.isEmpty, "\(summary.unexpected.prefix(10))")
        #expect(summary.slowest < outageDeadline, "a request under load took \(summary.slowest) s")
        #expect(summary.unavailable > 0, "the load never saw the outage")
        #expect(summary.succeededAfterRestart > 0, "the load never recovered")

        // No acknowledged token was lost: those issued before the outage and under load.
        let tokens = acknowledged + summary.tokens
        var lost = 0
        for token in tokens where try await !demo.isActive(token) { lost += 1 }
        #expect(lost == 0, "\(lost) of \(tokens.count) acknowledged tokens are not active")
    }
}

/// What the load saw during the fault.
final class FaultLog: Sendable {
    struct Summary: CustomStringConvertible {
        var ok = 0
        var unavailable = 0
        var unexpected: [String] = []
        var slowest = 0.0
        var succeededAfterRestart = 0
        var tokens: [String] = []

        var description: String {
            "\(ok) answered 200, \(unavailable) answered 503 temporarily_unavailable, \(unexpected.count) other, "
                + "slowest \(String(format: "%.2f", slowest)) s, \(tokens.count) tokens acknowledged"
        }
    }

    private let state = Mutex(Summary())
    private let sawOutage = Atomic<Bool>(false)
    private let running = Atomic<Bool>(true)

    var summary: Summary { state.withLock { $0 } }

    /// Whether the load goes on.
    var isRunning: Bool { running.load(ordering: .relaxed) }

    /// Ends the load.
    func stop() { running.store(false, ordering: .relaxed) }

    /// Times `send`, files its answer: 200 (a token is acknowledged), 503 with a JSON error, or a problem.
    func time(_ name: String, _ send: () async throws -> WebResponse) async {
        do {
            let result = try await Self.timed(send)
            let response = result.response
            state.withLock { summary in
                summary.slowest = max(summary.slowest, result.seconds)
                switch response.status {
                case 200:
                    summary.ok += 1
                    if sawOutage.load(ordering: .relaxed) { summary.succeededAfterRestart += 1 }
                    if let token = response.field("access_token") as? String { summary.tokens.append(token) }
                case 503 where response.field("error") as? String == "temporarily_unavailable":
                    summary.unavailable += 1
                    sawOutage.store(true, ordering: .relaxed)
                default:
                    summary.unexpected.append("\(name): \(response.status) \(response.body.prefix(200))")
                }
            }
        } catch {
            state.withLock { $0.unexpected.append("\(name): no answer: \(error)") }
        }
    }

    static func timed(_ send: () async throws -> WebResponse) async throws -> (response: WebResponse, seconds: Double) {
        let start = ContinuousClock.now
        let response = try await send()
        return (response, LoadTests.seconds(start.duration(to: .now)))
    }
}

/// A PostgreSQL cluster of the fault test's own, in a temporary directory on a free port, run as
/// the `postgres` user when the tests run as root (PostgreSQL refuses root).
struct ThrowAwayPostgres: Sendable {
    let bin: String
    let directory: String
    let port: Int

    var data: String { directory + "/data" }
    var url: String { "postgres://postgres@127.0.0.1:\(port)/gatehouse_fault?sslmode=disable" }

    /// The server binaries: `GATEHOUSE_PG_BIN` (exported by `postgres_start`), else the newest
    /// `/usr/lib/postgresql/*/bin`.
    static func binaries() throws -> String {
        if let bin = ProcessInfo.processInfo.environment["GATEHOUSE_PG_BIN"], !bin.isEmpty { return bin }
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for version in versions.sorted(by: { $0.compare($1, options: .numeric) == .orderedDescending })
        where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        throw TestFailure("no PostgreSQL server binaries: run the tests through scripts/test, which installs them")
    }

    static func start() async throws -> ThrowAwayPostgres {
        let directory = NSTemporaryDirectory() + "gatehouse-fault-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let cluster = ThrowAwayPostgres(bin: try binaries(), directory: directory, port: try LoopbackPort.free())
        do {
            if geteuid() == 0 { try await run("/bin/chown", ["postgres:", directory]) }
            try await cluster.owner("initdb", ["-D", cluster.data, "-U", "postgres", "--auth=trust", "-E", "UTF8"])
            let settings = """

                port = \(cluster.port)
                unix_socket_directories = '\(directory)'
                listen_addresses = '127.0.0.1'

                """
            let configuration = try FileHandle(forWritingTo: URL(fileURLWithPath: cluster.data + "/postgresql.conf"))
            try configuration.seekToEnd()
            try configuration.write(contentsOf: Data(settings.utf8))
            try configuration.close()
            try await cluster.start()
            try await cluster.owner("createdb", ["-h", "127.0.0.1", "-p", String(cluster.port), "-U", "postgres", "gatehouse_fault"])
        } catch {
            await cluster.destroy()
            throw error
        }
        return cluster
    }

    func start() async throws {
        try await owner("pg_ctl", ["-D", data, "-l", directory + "/server.log", "-w", "-t", "60", "start"])
    }

    /// `pg_ctl stop -m fast`: connections are cut, the server is gone when this returns.
    func stop() async throws {
        try await owner("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"])
    }

    /// Stops the server if it runs and removes the cluster.
    func destroy() async {
        try? await stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs a PostgreSQL program as the cluster's owner.
    private func owner(_ program: String, _ arguments: [String]) async throws {
        if geteuid() == 0 {
            try await Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", bin + "/" + program] + arguments)
        } else {
            try await Self.run(bin + "/" + program, arguments)
        }
    }

    /// Runs a program to completion, its output going to a file. `posix_spawn` and `waitpid` rather
    /// than `Process`: Foundation's `Process` learns of the exit through a descriptor the child
    /// inherits, which the server `pg_ctl start` leaves behind keeps open, so it would never return.
    private static func run(_ executable: String, _ arguments: [String]) async throws {
        let output = NSTemporaryDirectory() + "gatehouse-fault-cmd-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let status = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            DispatchQueue.global().async {
                do {
                    continuation.resume(returning: try spawnAndWait(executable, arguments, output: output))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        guard status == 0 else {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            throw TestFailure("\(executable) \(arguments.joined(separator: " ")) exited \(status): \(text)")
        }
    }

    /// Blocks the calling (Dispatch) thread until the program exits; returns its exit status.
    private static func spawnAndWait(_ executable: String, _ arguments: [String], output: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw TestFailure("cannot start \(executable): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw TestFailure("waitpid for \(executable) failed: errno \(errno)") }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
