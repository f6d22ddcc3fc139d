import Foundation
import GatehouseTesting

/// The built `DemoApp` binary, run as a child process the way a newcomer runs it.
struct DemoProcess {
    static let repository = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `.build/debug/DemoApp` (built by `swift build --build-tests`, which the test command runs first),
    /// or the binary named by `GATEHOUSE_DEMOAPP_BINARY` when a test build lives elsewhere.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["GATEHOUSE_DEMOAPP_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let candidates = [".build/debug/DemoApp", ".build/x86_64-unknown-linux-gnu/debug/DemoApp"]
        for path in candidates where FileManager.default.isExecutableFile(atPath: repository.appendingPathComponent(path).path) {
            return repository.appendingPathComponent(path)
        }
        return repository.appendingPathComponent(candidates[0])
    }

    /// Runs a command to completion and returns its exit status and combined output.
    static func run(_ arguments: [String], in directory: URL) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = try await Task.detached { try pipe.fileHandleForReading.readToEnd() ?? Data() }.value
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    let process: Process
    let output: OutputBuffer
    let port: Int

    /// Starts `command` (`serve`, `serve-resource`) on `port` (**Default:** a free one) in
    /// `directory` and waits until it listens.
    static func serve(
        in directory: URL,
        command: String = "serve",
        port: Int? = nil,
        extra: [String] = [],
        environment: [String: String] = [:]
    ) async throws -> DemoProcess {
        let port = try port ?? LoopbackPort.free()
        let process = Process()
        process.executableURL = binary
        process.arguments = [command, "--port", String(port)] + extra
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let output = OutputBuffer()
        pipe.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        try process.run()
        let demo = DemoProcess(process: process, output: output, port: port)
        let deadline = Date().addingTimeInterval(30)
        while !output.text.contains("Listening on"), process.isRunning, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        return demo
    }

    /// Stops the server with SIGTERM (graceful shutdown) and waits for it.
    func stop() async -> Int32 {
        process.terminate()
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        return process.terminationStatus
    }

    /// The value printed after `label=` on first start.
    func printed(_ label: String, line: String) -> String? {
        guard let row = output.text.split(separator: "\n").first(where: { $0.contains(line) }) else { return nil }
        guard let range = row.range(of: label + "=") else { return nil }
        return String(row[range.upperBound...].prefix { !$0.isWhitespace })
    }
}

/// Collects a child process's output as it arrives.
final class OutputBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) {
        lock.lock()
        data.append(chunk)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}
