import Foundation
import GatehouseCommon
import GatehouseConfig
import OAuth2

/// What an `OAUTH2_*_TOKEN_GENERATOR` setting says, read the same way from code, the environment
/// and a JSON file: a generator function (code only), a length for random tokens, or a flag
/// (Authlib's `True`/`False`: the default generator, or none).
enum TokenGeneratorSetting {
    case function(AuthorizationServer.Configuration.Generator)
    case length(Int)
    case flag(Bool)

    /// The setting under `key`, `nil` when absent.
    ///
    /// - Throws: ``ConfigError`` naming `key` for a value of another type or text that is neither
    ///   a positive length nor true/false.
    init?(_ config: Config, _ key: Config.Key) throws(ConfigError) {
        let expected = "a generator function, a positive length or true/false"
        if let value = config[key] {
            switch value {
            case let function as AuthorizationServer.Configuration.Generator:
                self = .function(function)
                return
            case let flag as Bool:
                self = .flag(flag)
                return
            case let length as Int:
                self = try .positive(length, key)
                return
            case is String:
                break  // text set in code reads like the environment's
            default:
                throw .invalidValue(key: key, expected: expected, found: "\(type(of: value))")
            }
        }
        guard let text = config.string(key)?.trimmingCharacters(in: .whitespaces) else { return nil }
        switch text.lowercased() {
        case "1", "true", "yes", "on": self = .flag(true)  // flags as ``Config/bool(_:)`` reads them
        case "0", "false", "no", "off": self = .flag(false)
        default:
            guard let length = Int(text) else { throw .invalidValue(key: key, expected: expected, found: text) }
            self = try .positive(length, key)
        }
    }

    private static func positive(_ length: Int, _ key: Config.Key) throws(ConfigError) -> TokenGeneratorSetting {
        guard length > 0 else { throw .invalidValue(key: key, expected: "a positive length", found: String(length)) }
        return .length(length)
    }

    /// The access-token generator this setting selects; `nil` for the server's default.
    ///
    /// - Throws: ``ConfigError`` for `false`: the server cannot issue access tokens without one.
    func accessTokenGenerator(_ key: Config.Key) throws(ConfigError) -> AuthorizationServer.Configuration.Generator? {
        switch self {
        case .function(let function): return function
        case .length(let length): return { _ in TokenGenerator.generate(length: length) }
        case .flag(true): return nil
        case .flag(false): throw .invalidValue(key: key, expected: "a generator function, a positive length or true", found: "false")
        }
    }

    /// The refresh-token generation this setting selects.
    var refreshTokenGeneration: AuthorizationServer.Configuration.RefreshTokenGeneration {
        switch self {
        case .function(let function): .custom(function)
        case .length(let length): .custom { _ in TokenGenerator.generate(length: length) }
        case .flag(let enabled): enabled ? .enabled : .disabled
        }
    }
}
