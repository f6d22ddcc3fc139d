import ArgumentParser
import DemoModel
import Foundation
import OAuthStores

/// `--database` and `--config`, shared by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(
        help: "Database URL: a SQLite file path (default gatehouse-demo.sqlite) or postgres://user:pass@host:port/db (also DATABASE_URL)."
    )
    var database: String?

    @Option(help: "A JSON file of settings (OAUTH2_*, OAUTH1_*, SECRET_KEY, ...).")
    var config: String?

    var databaseURL: String {
        database ?? ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "gatehouse-demo.sqlite"
    }

    /// Opens and migrates the database (Gatehouse's schema, then the demo's tables).
    func openStore() async throws -> SQLStore {
        let store = try await SQLStore.open(databaseURL)
        try await store.migrate(Schema.migrations + UserStore.migrations)
        return store
    }
}

/// A failure reported as one line on standard error, with a non-zero exit status.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body`, turning any error into a one-line message and exit status 1: no stack traces.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as CleanExit {
        throw error
    } catch let error as ExitCode {
        throw error
    } catch {
        FileHandle.standardError.write(Data("error: \(DemoApp.describe(error))\n".utf8))
        throw ExitCode.failure
    }
}

extension DemoApp {
    /// A short, single-line description of `error` for the terminal.
    static func describe(_ error: any Error) -> String {
        let text: String
        switch error {
        case let failure as CommandFailure: text = failure.description
        case let store as StoreError: text = store.isUnavailable ? "the database is unreachable (\(store.detail))" : store.detail
        default: text = String(describing: error)
        }
        return text.replacingOccurrences(of: "\n", with: " ")
    }
}
