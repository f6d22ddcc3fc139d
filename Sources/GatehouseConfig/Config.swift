public import Configuration
import Foundation
import GatehouseCommon
import SystemPackage

/// The app's settings, in Flask's spirit: flat, string-named keys (`OAUTH2_EXPIRES_PASSWORD`,
/// `AUTHLIB_INSECURE_TRANSPORT`) read from values set in code, environment variables and a JSON
/// file, in that order of precedence.
///
/// Environment variables and files are read through swift-configuration's providers
/// (`EnvironmentVariablesProvider`, `FileProvider<JSONSnapshot>`). A nested key such as
/// `Key("OAUTH2_TOKEN_EXPIRES_IN").child("password")` is the variable
/// `OAUTH2_TOKEN_EXPIRES_IN_PASSWORD`, or `{"OAUTH2_TOKEN_EXPIRES_IN": {"password": 3600}}` in JSON.
///
/// ```swift
/// let config = try await Config.load(jsonFile: "gatehouse.json")
/// config["OAUTH2_EXPIRES_PASSWORD"] = 3600          // from code, wins over env and file
/// let lifetime = try config.int("OAUTH2_EXPIRES_PASSWORD") ?? 864_000
/// ```
///
/// Values set from code may be any `Sendable` (a token generator closure, say) and are read back
/// with ``value(_:as:)``. A value that is present but malformed throws ``ConfigError`` rather than
/// silently falling back to a default. Values are set while the app is set up: the app freezes its
/// config when it starts serving (``freeze()``), and a later change is a programming error.
public final class Config: Sendable {
    /// A setting's name: one flat key, optionally with nested components.
    public struct Key: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
        /// The key path; most keys have one component.
        public let components: [String]

        /// A flat key such as `OAUTH2_EXPIRES_PASSWORD`.
        public init(_ name: String) { components = [name] }

        public init(stringLiteral value: String) { self.init(value) }

        init(components: [String]) { self.components = components }

        /// A key nested under this one (`OAUTH2_TOKEN_EXPIRES_IN` → `password`).
        public func child(_ name: String) -> Key { Key(components: components + [name]) }

        public var description: String { components.joined(separator: ".") }
    }

    private let overrides: SetupState<[Key: any Sendable]>
    private let reader: ConfigReader?

    /// Creates a config from values in code and optional swift-configuration providers (queried
    /// in order after the code values).
    public init(_ values: [String: any Sendable] = [:], providers: [any ConfigProvider] = []) {
        var keyed: [Key: any Sendable] = [:]
        for (name, value) in values { keyed[Key(name)] = value }
        overrides = SetupState(keyed, owner: "Config")
        reader = providers.isEmpty ? nil : ConfigReader(providers: providers)
    }

    /// Code values over the process environment.
    public static func environment(_ values: [String: any Sendable] = [:]) -> Config {
        Config(values, providers: [EnvironmentVariablesProvider()])
    }

    /// Code values over environment variables over a JSON file.
    ///
    /// - Parameters:
    ///   - values: settings from code (highest precedence).
    ///   - includeEnvironment: read the process environment.
    ///   - environment: read these variables instead of the process environment (tests).
    ///   - jsonFile: a JSON file of settings (lowest precedence).
    ///
    /// - Throws: when the file is missing or is not valid JSON.
    public static func load(
        _ values: [String: any Sendable] = [:],
        includeEnvironment: Bool = true,
        environment: [String: String]? = nil,
        jsonFile: String? = nil
    ) async throws -> Config {
        var providers: [any ConfigProvider] = []
        if let environment {
            providers.append(EnvironmentVariablesProvider(environmentVariables: environment))
        } else if includeEnvironment {
            providers.append(EnvironmentVariablesProvider())
        }
        if let jsonFile { providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(jsonFile))) }
        return Config(values, providers: providers)
    }

    /// The value set from code under `key` (nil when the value comes from env or file, or is absent).
    /// Setting `nil` removes the code value.
    public subscript(key: Key) -> (any Sendable)? {
        get { codeValue(key) }
        set { overrides.update("set \(key)") { $0[key] = newValue } }
    }

    /// Freezes the values set from code (the app does it when it starts serving); reads take no
    /// lock afterwards.
    public func freeze() {
        overrides.freeze()
    }

    /// The setting as text, from whichever source has it (numbers and booleans are spelled out).
    public func string(_ key: Key) -> String? {
        if let value = codeValue(key) { return Self.describe(value) }
        guard let reader else { return nil }
        let configKey = ConfigKey(key.components)
        if let string = reader.string(forKey: configKey) { return string }
        if let int = reader.int(forKey: configKey) { return String(int) }
        if let double = reader.double(forKey: configKey) { return String(double) }
        if let bool = reader.bool(forKey: configKey) { return String(bool) }
        return nil
    }

    /// The setting as an integer.
    ///
    /// - Throws: ``ConfigError`` when present but not an integer.
    public func int(_ key: Key) throws(ConfigError) -> Int? {
        if let value = codeValue(key) as? Int { return value }
        guard let text = string(key) else { return nil }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw .invalidValue(key: key, expected: "an integer", found: text)
        }
        return value
    }

    /// The setting as a number.
    ///
    /// - Throws: ``ConfigError`` when present but not a number.
    public func double(_ key: Key) throws(ConfigError) -> Double? {
        if let value = codeValue(key) as? Double { return value }
        guard let text = string(key) else { return nil }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else {
            throw .invalidValue(key: key, expected: "a number", found: text)
        }
        return value
    }

    /// The setting as a flag. Accepts `true/false`, `yes/no`, `on/off`, `1/0` in any case.
    ///
    /// - Throws: ``ConfigError`` for any other text.
    public func bool(_ key: Key) throws(ConfigError) -> Bool? {
        if let value = codeValue(key) as? Bool { return value }
        guard let text = string(key) else { return nil }
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off", "": return false
        default: throw .invalidValue(key: key, expected: "true or false", found: text)
        }
    }

    /// Whether a flag is set the way Authlib reads `AUTHLIB_INSECURE_TRANSPORT`: any non-empty value
    /// other than `0`, `false`, `no` or `off` turns it on.
    public func isSet(_ key: Key) -> Bool {
        guard let text = string(key)?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty else { return false }
        return !["0", "false", "no", "off"].contains(text)
    }

    /// The setting as a list: an array in code or JSON, or comma-separated text in the environment.
    public func strings(_ key: Key) -> [String]? {
        if let value = codeValue(key) {
            if let array = value as? [String] { return array }
            if let set = value as? Set<String> { return set.sorted() }
        }
        if let reader, let array = reader.stringArray(forKey: ConfigKey(key.components)) { return array }
        guard let text = string(key) else { return nil }
        return text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
    }

    /// A value of any type set from code (a closure, a struct).
    ///
    /// - Throws: ``ConfigError`` when a value is present with another type.
    public func value<Value>(_ key: Key, as type: Value.Type) throws(ConfigError) -> Value? {
        guard let value = codeValue(key) else { return nil }
        guard let typed = value as? Value else {
            throw .invalidValue(key: key, expected: "\(Value.self)", found: "\(Swift.type(of: value))")
        }
        return typed
    }

    private func codeValue(_ key: Key) -> (any Sendable)? {
        overrides.read { overrides in
            if let value = overrides[key] { return value }
            // A nested key may live inside a dictionary set from code under its parent.
            guard key.components.count > 1 else { return nil }
            var current: (any Sendable)? = overrides[Key(components: [key.components[0]])]
            for component in key.components.dropFirst() {
                guard let dictionary = current as? [String: any Sendable] else { return nil }
                current = dictionary[component]
            }
            return current
        }
    }

    private static func describe(_ value: any Sendable) -> String {
        switch value {
        case let string as String: string
        case let array as [String]: array.joined(separator: ",")
        default: String(describing: value)
        }
    }
}
