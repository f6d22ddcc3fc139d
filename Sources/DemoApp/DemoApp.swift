import ArgumentParser
import Foundation

/// The Gatehouse demo: a real OAuth 1.0 and OAuth 2.0 provider and client on the embedded SQLite
/// store (or PostgreSQL), one command away.
@main
struct DemoApp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "DemoApp",
        abstract: "A Gatehouse OAuth 1.0 + OAuth 2.0 provider and client.",
        subcommands: [
            ServeCommand.self, CreateUserCommand.self, CreateClientCommand.self, CreateOAuth1ClientCommand.self, RotateKeysCommand.self,
            ServeResourceCommand.self,
        ],
        defaultSubcommand: ServeCommand.self
    )

}

/// Writes a line to standard output at once (unbuffered), so what the demo prints (credentials,
/// curl lines) shows up immediately even when piped to a file or another program.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
