import ArgumentParser
import DemoModel
import GatehouseJOSE
import HTTPCore
import OAuthStores

/// `DemoApp rotate-keys [--retire-after 7d]`: a new signing key becomes current for each
/// algorithm; the previous ones stay in the JWKS, and keep verifying, until the overlap ends.
struct RotateKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-keys",
        abstract: "Make new signing keys current; the previous ones keep verifying until --retire-after passes.",
        discussion: "A running server signs with and publishes the new keys within 60 seconds."
    )

    @OptionGroup var options: DatabaseOptions
    @Option(help: "How long the previous keys stay published: seconds, or a number with s, m, h or d (default 7d).")
    var retireAfter: String = "7d"

    func run() async throws {
        try await reportingErrors {
            guard let seconds = Self.seconds(retireAfter) else {
                throw CommandFailure("--retire-after: \"\(retireAfter)\" is not a number of seconds or a number with s, m, h or d")
            }
            let config = try await Config.load(jsonFile: options.config)
            let store = try await options.openStore()
            defer { Task { try? await store.close() } }
            let sealer = DemoSite.signingKeySealer(secret: try await DemoSite.sessionSecret(config: config, store: store))
            let previous = try await store.signingKeys(sealer: sealer).current
            var lines: [String] = []
            for algorithm in [SigningAlgorithm.rs256, .es256] {
                let key = try await store.rotateSigningKey(algorithm, retireAfter: seconds, sealer: sealer)
                let retired = previous.first { $0.algorithm == algorithm }.map { #""\#($0.kid)""# } ?? "null"
                lines.append(
                    #"{"alg": "\#(algorithm.rawValue)", "kid": "\#(key.kid)", "retired_kid": \#(retired), "retire_after": \#(seconds)}"#
                )
            }
            for line in lines { print(line) }
            try await store.close()
        }
    }

    /// `90`, `90s`, `15m`, `12h`, `7d` in seconds; `nil` for anything else.
    static func seconds(_ text: String) -> Int? {
        let units = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        var number = Substring(text)
        var unit = 1
        if let last = text.last, let factor = units[String(last)] {
            number = text.dropLast()
            unit = factor
        }
        guard let value = Int(number), value >= 0, value <= Int.max / unit else { return nil }
        return value * unit
    }
}
