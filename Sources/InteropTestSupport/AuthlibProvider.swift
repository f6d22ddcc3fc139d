public import Foundation
import GatehouseCommon
import HTTPCore
import HTTPTypes

/// A provider this project did not write: `Tests/Interop/authlib_provider.py` (Flask with Authlib's
/// OAuth 1 and OAuth 2 server classes) run by the test virtual environment's Python, the one
/// `scripts/test` installs and names in `GATEHOUSE_PYTHON`, on a free loopback port.
///
/// Shared by the test targets that run against it (OAuthClientTests, OAuthMiddlewareTests).
public final class AuthlibProvider: Sendable {
    /// OAuth 2 client authenticating with `client_secret_basic`; its secret has reserved characters.
    public static let basicClient = (id: "authlib-basic", secret: "b@sic secret+/=:")
    /// OAuth 2 client authenticating with `client_secret_post`.
    public static let postClient = (id: "authlib-post", secret: "post-secret")
    /// OAuth 2 public client (`none`).
    public static let publicClientID = "authlib-public"
    /// OAuth 1 client signing with HMAC-SHA1.
    public static let hmacClient = (id: "authlib-hmac", secret: "hmac-secret")
    /// OAuth 1 client signing with RSA-SHA1 (the shared test vectors' key pair).
    public static let rsaClientID = "authlib-rsa"
    /// A redirect URI registered for every OAuth 2 client.
    public static let redirectURI = "https://client.example/callback"
    /// The one user, always logged in, who approves everything.
    public static let userID = "alice"

    public struct MissingPython: Error, CustomStringConvertible {
        public var description: String {
            "GATEHOUSE_PYTHON is not set: run the tests through scripts/test, or `. scripts/lib/python.sh; "
                + "python_interop_env` first (it installs Authlib and Flask in .build/interop-venv)"
        }
    }

    public struct StartFailed: Error, CustomStringConvertible {
        public var description: String
    }

    /// A provider page did not answer with the redirect a visit expects.
    public struct UnexpectedAnswer: Error, CustomStringConvertible {
        public var description: String
    }

    /// The repository root, found from this file (through any symbolic links of a development package).
    public static let repository: URL = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<3 { url = url.deletingLastPathComponent() }  // Sources/InteropTestSupport/<file>
        return url
    }()

    /// The RSA private key of ``rsaClientID`` (PEM), from the test vectors (`Tests/Vectors`).
    public static func rsaPrivateKey() throws -> String {
        try String(contentsOf: vectors.appendingPathComponent("rsa-sha1-private.pem"), encoding: .utf8)
    }

    public static var vectors: URL { repository.appendingPathComponent("Tests/Vectors") }

    /// `http://127.0.0.1:<port>`: the issuer, and the base of every endpoint.
    public let base: String
    private let process: Process
    private let input: Pipe

    private init(base: String, process: Process, input: Pipe) {
        self.base = base
        self.process = process
        self.input = input
    }

    /// Starts the provider and waits for its `READY` line.
    ///
    /// - Parameters:
    ///   - accessTokenLifetime: seconds an access token of the authorization code or client
    ///     credentials grant lives (refreshed tokens live an hour).
    ///   - redirectURIs: more redirect URIs registered for every OAuth 2 client (a DemoApp's callback).
    public static func start(accessTokenLifetime: Int = 3600, redirectURIs: [String] = []) async throws -> AuthlibProvider {
        guard let python = ProcessInfo.processInfo.environment["GATEHOUSE_PYTHON"] else { throw MissingPython() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments =
            [
                repository.appendingPathComponent("Tests/Interop/authlib_provider.py").path,
                "--rsa-public-key", vectors.appendingPathComponent("rsa-sha1-public.pem").path,
                "--access-token-lifetime", String(accessTokenLifetime),
            ] + redirectURIs.flatMap { ["--redirect-uri", $0] }
        let output = Pipe()
        let input = Pipe()  // held open while we run: the provider exits when it closes
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.standardError
        try process.run()
        let line = await readLine(output.fileHandleForReading, timeout: .seconds(60))
        guard let line, line.hasPrefix("READY "), line.count > 6 else {
            if process.isRunning { process.terminate() }
            throw StartFailed(description: "authlib_provider.py did not start (said \(line.map { "\"\($0)\"" } ?? "nothing")); see stderr")
        }
        return AuthlibProvider(base: String(line.dropFirst(6)), process: process, input: input)
    }

    /// The first line `handle` yields, or `nil` at end of file or after `timeout`. The blocking read
    /// runs on a thread of its own, off the cooperative pool.
    private static func readLine(_ handle: FileHandle, timeout: Duration) async -> String? {
        let answer = Answer()
        var timer: Task<Void, Never>?
        defer { timer?.cancel() }
        return await withCheckedContinuation { continuation in
            answer.continuation.withLock { $0 = continuation }
            Thread.detachNewThread {
                var bytes: [UInt8] = []
                while !bytes.contains(UInt8(ascii: "\n")) {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    bytes.append(contentsOf: chunk)
                }
                let line = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).first
                answer.give(bytes.isEmpty ? nil : line.map { String(decoding: $0, as: UTF8.self) })
            }
            timer = Task {
                try? await Task.sleep(for: timeout)
                answer.give(nil)
            }
        }
    }

    /// The first of the reader's and the timer's answers.
    private final class Answer: Sendable {
        let continuation = LockedValue<CheckedContinuation<String?, Never>?>(nil)

        func give(_ line: String?) {
            continuation.withLock { continuation in
                continuation?.resume(returning: line)
                continuation = nil
            }
        }
    }

    /// Stops the provider.
    public func stop() {
        if process.isRunning { process.terminate() }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// The user-agent's visit to a provider page: returns the `Location` it redirects to (the
    /// provider approves at once, so this is the callback).
    ///
    /// - Parameter url: an absolute URL on this provider.
    public func visit(_ url: String) async throws -> String {
        let prefix = base + "/"
        guard url.hasPrefix(prefix) else { throw UnexpectedAnswer(description: "\(url) is not on the provider at \(base)") }
        let target = "/" + url.dropFirst(prefix.count)
        let authority = String(base.dropFirst("http://".count))
        guard let port = authority.split(separator: ":").last.flatMap({ Int($0) }) else {
            throw UnexpectedAnswer(description: "no port in \(base)")
        }
        let request = Request(method: .get, target: target, headers: [.hostField: authority])
        let response = try await LiveHTTPClient.send(request, host: "127.0.0.1", port: port)
        guard response.status == .found, let location = response.headers[.location] else {
            throw UnexpectedAnswer(description: "\(target) answered \(response.status) without a redirect: \(response.text)")
        }
        return location
    }
}

/// Runs `body` against a fresh Authlib provider, stopping it afterwards.
///
/// - Parameters:
///   - accessTokenLifetime: see ``AuthlibProvider/start(accessTokenLifetime:)``.
///   - body: the test.
public func withAuthlibProvider<T>(
    accessTokenLifetime: Int = 3600,
    _ body: (AuthlibProvider) async throws -> T
) async throws -> T {
    let provider = try await AuthlibProvider.start(accessTokenLifetime: accessTokenLifetime)
    defer { provider.stop() }
    return try await body(provider)
}
