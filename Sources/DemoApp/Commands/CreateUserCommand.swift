import ArgumentParser
import DemoModel
import OAuthStores

/// `DemoApp create-user --username U --password P`.
struct CreateUserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create-user", abstract: "Create a user of the demo site.")

    @OptionGroup var options: DatabaseOptions
    @Option(help: "The username (3 to 32 letters, digits, '.', '-', '_').") var username: String
    @Option(help: "The password (at least 8 characters).") var password: String

    func run() async throws {
        try await reportingErrors {
            let store = try await options.openStore()
            defer { Task { try? await store.close() } }
            let user = try await UserStore(store: store).create(username: username, password: password)
            print(#"{"id": "\#(user.userID)", "username": "\#(user.username)"}"#)
            try await store.close()
        }
    }
}
