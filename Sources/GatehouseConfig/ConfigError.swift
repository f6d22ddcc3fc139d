/// A setting that is present but unusable. Raised at start-up (in `initApp`) so a typo fails
/// loudly instead of quietly falling back to a default.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable { case invalidValue, missing }
    private let code: Code
    /// The key concerned.
    public let key: String
    /// What is wrong, for the log.
    public let detail: String

    /// The value of `key` is not of the expected form.
    public static func invalidValue(key: Config.Key, expected: String, found: String) -> ConfigError {
        ConfigError(code: .invalidValue, key: key.description, detail: "expected \(expected), found '\(found)'")
    }

    /// `key` is required but absent.
    public static func missing(key: Config.Key) -> ConfigError {
        ConfigError(code: .missing, key: key.description, detail: "required setting is missing")
    }

    public var description: String { "configuration \(key): \(detail)" }
}
