import DemoModel
import Foundation
import Glibc
import OAuth2
import OAuthStores
import Testing

/// The example server (`scripts/example hummingbird`) driven by requests-oauthlib and oauthlib, a
/// client nobody on this project wrote: the built binary serves a SQLite database prepared with
/// DemoApp's schema, users and clients (as `DemoApp create-user` / `create-client` make them), and
/// `Tests/Interop/example_interop.py` runs the password, refresh, client-credentials, revocation,
/// introspection, notes and OAuth 1 checks against it.
@Suite struct ExampleServerTests {
    static let package = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let repository = package.deletingLastPathComponent().deletingLastPathComponent()

    struct MissingPython: Error, CustomStringConvertible {
        var description: String {
            "GATEHOUSE_PYTHON is not set: run the tests through scripts/test, or `. scripts/lib/python.sh; python_interop_env`"
        }
    }

    /// The example binary beside this test bundle (`swift build --build-tests` builds both).
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("GatehouseHummingbirdExample")
    }

    /// A port nothing listens on now: the kernel's pick for a socket bound to port 0.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        guard bound == 0, named == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func requestsOAuthlibDrivesTheExampleServer() async throws {
        guard let python = ProcessInfo.processInfo.environment["GATEHOUSE_PYTHON"] else { throw MissingPython() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-hb-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("demo.sqlite").path

        // What `DemoApp create-user` and `create-client` write, through the same libraries.
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

        // The server on a free port (its metadata names its own address, so not port 0), ready
        // once Hummingbird logs that it listens.
        let log = directory.appendingPathComponent("server.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let server = Process()
        server.executableURL = Self.binary
        let chosen = try Self.freePort()
        server.arguments = ["--port", String(chosen), "--database", database]
        server.standardOutput = try FileHandle(forWritingTo: log)
        server.standardError = server.standardOutput
        try server.run()
        defer { server.terminate() }
        var port: Int?
        for _ in 0..<600 where port == nil && server.isRunning {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if text.contains("listening on 127.0.0.1:\(chosen)") { port = chosen }
            if port == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        let base =
            "http://127.0.0.1:\(try #require(port, "the example did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")"))"

        let script = Process()
        script.executableURL = URL(fileURLWithPath: python)
        script.arguments = [
            Self.repository.appendingPathComponent("Tests/Interop/example_interop.py").path,
            base, client.clientID, try #require(secret), "alice", "alice-password",
            oauth1Client.clientID, oauth1Secret, credential.oauthToken, credential.oauthTokenSecret,
        ]
        let output = directory.appendingPathComponent("interop.log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        script.standardOutput = try FileHandle(forWritingTo: output)
        script.standardError = script.standardOutput
        try script.run()
        while script.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        #expect(script.terminationStatus == 0, "\(text)")
        #expect(text.contains("example interop: all checks passed"), "\(text)")
    }
}
