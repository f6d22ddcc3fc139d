import DemoModel
public import Foundation
import OAuth2
import OAuthStores

/// One run of a framework adapter's example server (`scripts/example hummingbird|vapor`) driven by
/// requests-oauthlib and oauthlib, a client nobody on this project wrote: the built binary serves a
/// fresh SQLite database prepared with DemoApp's schema, a user and clients (as `DemoApp
/// create-user` / `create-client` make them), and `Tests/Interop/example_interop.py` runs the
/// password, refresh, client-credentials, revocation, introspection, notes and OAuth 1 checks.
public struct ExampleServerRun: Sendable {
    /// What the interop script printed, stdout and stderr together, and how it exited.
    public struct Outcome: Sendable {
        /// The script's exit status: 0 when every check passed.
        public var status: Int32
        /// The script's output, or the server's log when the server never listened.
        public var output: String
        /// Whether the script printed its closing line.
        public var passed: Bool { status == 0 && output.contains("example interop: all checks passed") }
    }

    /// The example server's executable.
    public var binary: URL
    /// The repository's root, where `Tests/Interop/example_interop.py` is.
    public var repository: URL
    /// The Python interpreter with requests-oauthlib (`GATEHOUSE_PYTHON`).
    public var python: String

    /// Describes a run of `binary`.
    public init(binary: URL, repository: URL, python: String) {
        self.binary = binary
        self.repository = repository
        self.python = python
    }

    /// Why a run cannot start: the Python interpreter is unknown.
    public struct MissingPython: Error, CustomStringConvertible {
        public var description: String {
            "GATEHOUSE_PYTHON is not set: run the tests through scripts/test, or `. scripts/lib/python.sh; python_interop_env`"
        }
    }

    /// A run of the executable `name` that `swift build --build-tests` put beside the running test
    /// bundle, with the interpreter of `GATEHOUSE_PYTHON`, against this repository's script.
    ///
    /// - Throws: ``MissingPython`` when `GATEHOUSE_PYTHON` is not set.
    public init(executableBesideTests name: String) throws {
        guard let python = ProcessInfo.processInfo.environment["GATEHOUSE_PYTHON"] else { throw MissingPython() }
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent(name)
        self.init(binary: binary, repository: Self.repository, python: python)
    }

    /// The repository this file is in (`Sources/GatehouseTesting/` under it).
    static let repository = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Seeds a database, starts the server on a free loopback port, waits until it accepts
    /// connections, runs the interop script against it and stops the server.
    public func run() async throws -> Outcome {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("demo.sqlite").path
        let arguments = try await Self.seed(database)

        // A free port rather than port 0: the server's metadata names its own address.
        let port = try LoopbackPort.free()
        let log = directory.appendingPathComponent("server.log")
        let server = try Self.launch(binary, ["--port", String(port), "--database", database], output: log)
        defer { server.terminate() }
        var listening = false
        for _ in 0..<600 where server.isRunning {
            if LoopbackPort.accepts(port) {
                listening = true
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        guard listening else {
            return Outcome(status: -1, output: "the example did not start: " + ((try? String(contentsOf: log, encoding: .utf8)) ?? ""))
        }

        let output = directory.appendingPathComponent("interop.log")
        let script = try Self.launch(
            URL(fileURLWithPath: python),
            [repository.appendingPathComponent("Tests/Interop/example_interop.py").path, "http://127.0.0.1:\(port)"] + arguments,
            output: output
        )
        while script.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        return Outcome(status: script.terminationStatus, output: (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }

    /// What `DemoApp create-user` and `create-client` write, through the same libraries; answers
    /// the script's arguments after the base URL.
    static func seed(_ database: String) async throws -> [String] {
        let store = try await SQLStore.open(database)
        try await store.migrate(Schema.migrations + UserStore.migrations)
        let user = try await UserStore(store: store).create(username: "alice", password: "alice-password")
        let (client, secret) = try await store.createOAuth2Client(
            name: "interop",
            redirectURIs: [],
            grantTypes: [.password, .refreshToken, .clientCredentials],
            responseTypes: [],
            scope: "profile notes",
            ownerUserID: nil
        )
        let (oauth1Client, oauth1Secret) = try await store.createOAuth1Client(
            name: "interop-oauth1",
            callbackURIs: ["https://client.example/cb"],
            ownerUserID: nil
        )
        let credential = try await store.insertOAuth1TokenCredential(
            clientID: oauth1Client.clientID,
            oauthToken: "interop-token",
            oauthTokenSecret: "interop-token-secret",
            userID: user.userID
        )
        try await store.close()
        return [
            client.clientID, secret ?? "", "alice", "alice-password",
            oauth1Client.clientID, oauth1Secret, credential.oauthToken, credential.oauthTokenSecret,
        ]
    }

    static func launch(_ executable: URL, _ arguments: [String], output: URL) throws -> Process {
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = process.standardOutput
        try process.run()
        return process
    }
}
