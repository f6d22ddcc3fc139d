import Foundation
import HTTPCore
import Testing

struct ConfigTests {
    @Test func readsFlatKeysFromEnvironment() async throws {
        let config = try await Config.load(environment: ["OAUTH2_EXPIRES_PASSWORD": "3600", "AUTHLIB_INSECURE_TRANSPORT": "1"])
        #expect(try config.int("OAUTH2_EXPIRES_PASSWORD") == 3600)
        #expect(config.isSet("AUTHLIB_INSECURE_TRANSPORT"))
        #expect(!config.isSet("MISSING"))
    }

    @Test func readsNestedKeysFromEnvironment() async throws {
        let config = try await Config.load(environment: ["OAUTH2_TOKEN_EXPIRES_IN_PASSWORD": "60"])
        #expect(try config.int(Config.Key("OAUTH2_TOKEN_EXPIRES_IN").child("password")) == 60)
    }

    @Test func readsJSONFileBelowEnvironment() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-config-\(UUID()).json").path
        let json =
            #"{"OAUTH2_EXPIRES_PASSWORD": 100, "OAUTH2_EXPIRES_IMPLICIT": 50, "OAUTH2_SCOPES_SUPPORTED": ["profile", "email"], "OAUTH2_TOKEN_EXPIRES_IN": {"implicit": 30}}"#
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let config = try await Config.load(environment: ["OAUTH2_EXPIRES_PASSWORD": "200"], jsonFile: path)
        #expect(try config.int("OAUTH2_EXPIRES_PASSWORD") == 200)
        #expect(try config.int("OAUTH2_EXPIRES_IMPLICIT") == 50)
        #expect(config.strings("OAUTH2_SCOPES_SUPPORTED") == ["profile", "email"])
        #expect(try config.int(Config.Key("OAUTH2_TOKEN_EXPIRES_IN").child("implicit")) == 30)
    }

    @Test func codeValuesWinAndMayBeAnyType() async throws {
        let config = try await Config.load(["OAUTH2_EXPIRES_PASSWORD": 10], environment: ["OAUTH2_EXPIRES_PASSWORD": "20"])
        #expect(try config.int("OAUTH2_EXPIRES_PASSWORD") == 10)
        let generator: @Sendable () -> String = { "token" }
        config["OAUTH2_ACCESS_TOKEN_GENERATOR"] = generator
        let read = try config.value("OAUTH2_ACCESS_TOKEN_GENERATOR", as: (@Sendable () -> String).self)
        #expect(read?() == "token")
        config["OAUTH2_TOKEN_EXPIRES_IN"] = ["password": 5] as [String: any Sendable]
        #expect(try config.int(Config.Key("OAUTH2_TOKEN_EXPIRES_IN").child("password")) == 5)
    }

    @Test func malformedValueThrowsInsteadOfFallingBack() async throws {
        let config = try await Config.load(environment: ["OAUTH2_EXPIRES_PASSWORD": "ten", "FLAG": "maybe"])
        #expect(throws: ConfigError.self) { try config.int("OAUTH2_EXPIRES_PASSWORD") }
        #expect(throws: ConfigError.self) { try config.bool("FLAG") }
    }

    @Test func extensionsRegistryAttachesObjectsCreatedBeforeTheApp() {
        final class Server: Sendable {
            func initApp(_ app: App) { app.extensions[Key.self] = self }
            enum Key: StorageKey { typealias Value = Server }
        }
        let server = Server()
        let app = App(config: Config())
        #expect(app.extensions[Server.Key.self] == nil)
        server.initApp(app)
        #expect(app.extensions[Server.Key.self] === server)
    }
}
