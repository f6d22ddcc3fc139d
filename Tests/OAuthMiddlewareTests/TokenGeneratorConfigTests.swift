import Foundation
import HTTPCore
import OAuth2
import OAuthMiddleware
import OAuthTestSupport
import Testing

/// `OAUTH2_ACCESS_TOKEN_GENERATOR` and `OAUTH2_REFRESH_TOKEN_GENERATOR` read alike from code, the
/// environment and JSON: a length, a flag (the seeds' True/False) or, in code, a function.
@Suite struct TokenGeneratorConfigTests {
    /// The token response of a password grant on a server configured by `config`.
    private func issue(_ config: Config) async throws -> [String: JSONValue] {
        var defaults = AuthorizationServer.Configuration(issuer: AuthorizationServerFixture.issuer)
        defaults.tokenEndpoint = AuthorizationServerFixture.issuer + "/oauth/token"
        let configuration = try AuthorizationServer.configuration(from: config, base: defaults)
        let server = makeAuthorizationServer(store: AuthorizationServerFixture.makeStore(), configuration: configuration)
        let request = OAuth2Request.formPost(
            AuthorizationServerFixture.issuer + "/oauth/token",
            [("grant_type", "password"), ("username", "alice"), ("password", "wonderland"), ("scope", "profile")],
            basic: ("confidential", "s3cret")
        )
        let response = await server.createTokenResponse(request)
        #expect(response.status == 200, "\(response.bodyText)")
        return try #require(response.jsonBody)
    }

    private func jsonConfig(_ json: String) async throws -> Config {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("generators-\(UUID().uuidString).json").path
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await Config.load(includeEnvironment: false, jsonFile: path)
    }

    private func environmentConfig(_ variables: [String: String]) async throws -> Config {
        try await Config.load(environment: variables)
    }

    @Test func lengthAndFalseSetInCode() async throws {
        let body = try await issue(Config(["OAUTH2_ACCESS_TOKEN_GENERATOR": 20, "OAUTH2_REFRESH_TOKEN_GENERATOR": false]))
        #expect(body["access_token"]?.stringValue?.count == 20)
        #expect(body["refresh_token"] == nil)
    }

    @Test func trueInCodeKeepsTheDefaults() async throws {
        let body = try await issue(Config(["OAUTH2_ACCESS_TOKEN_GENERATOR": true, "OAUTH2_REFRESH_TOKEN_GENERATOR": true]))
        #expect(body["access_token"]?.stringValue?.isEmpty == false)
        #expect(body["refresh_token"]?.stringValue?.isEmpty == false)
    }

    @Test func refreshLengthInCode() async throws {
        let body = try await issue(Config(["OAUTH2_REFRESH_TOKEN_GENERATOR": 30]))
        #expect(body["refresh_token"]?.stringValue?.count == 30)
    }

    @Test func functionsInCode() async throws {
        let access: AuthorizationServer.Configuration.Generator = { _ in "access-fixed" }
        let refresh: AuthorizationServer.Configuration.Generator = { _ in "refresh-fixed" }
        let body = try await issue(Config(["OAUTH2_ACCESS_TOKEN_GENERATOR": access, "OAUTH2_REFRESH_TOKEN_GENERATOR": refresh]))
        #expect(body["access_token"]?.stringValue == "access-fixed")
        #expect(body["refresh_token"]?.stringValue == "refresh-fixed")
    }

    @Test func lengthAndFalseInTheEnvironment() async throws {
        let config = try await environmentConfig([
            "OAUTH2_ACCESS_TOKEN_GENERATOR": "24", "OAUTH2_REFRESH_TOKEN_GENERATOR": "False",
        ])
        let body = try await issue(config)
        #expect(body["access_token"]?.stringValue?.count == 24)
        #expect(body["refresh_token"] == nil)
    }

    @Test func refreshLengthInTheEnvironment() async throws {
        let body = try await issue(try await environmentConfig(["OAUTH2_REFRESH_TOKEN_GENERATOR": "36"]))
        #expect(body["refresh_token"]?.stringValue?.count == 36)
    }

    @Test func lengthAndFalseInJSON() async throws {
        let config = try await jsonConfig(#"{"OAUTH2_ACCESS_TOKEN_GENERATOR": 28, "OAUTH2_REFRESH_TOKEN_GENERATOR": false}"#)
        let body = try await issue(config)
        #expect(body["access_token"]?.stringValue?.count == 28)
        #expect(body["refresh_token"] == nil)
    }

    @Test func trueAndLengthInJSON() async throws {
        let config = try await jsonConfig(#"{"OAUTH2_ACCESS_TOKEN_GENERATOR": true, "OAUTH2_REFRESH_TOKEN_GENERATOR": 40}"#)
        let body = try await issue(config)
        #expect(body["access_token"]?.stringValue?.isEmpty == false)
        #expect(body["refresh_token"]?.stringValue?.count == 40)
    }

    @Test(arguments: [
        ("OAUTH2_ACCESS_TOKEN_GENERATOR", "abc"),
        ("OAUTH2_ACCESS_TOKEN_GENERATOR", "false"),
        ("OAUTH2_ACCESS_TOKEN_GENERATOR", "-3"),
        ("OAUTH2_REFRESH_TOKEN_GENERATOR", "maybe"),
        ("OAUTH2_REFRESH_TOKEN_GENERATOR", "-1"),
    ])
    func malformedTextThrowsNamingTheKey(key: String, value: String) async throws {
        let config = try await environmentConfig([key: value])
        let error = try #require(throws: ConfigError.self) { try AuthorizationServer.configuration(from: config) }
        #expect(error.key == key)
    }

    @Test func valueOfAnotherTypeInCodeThrowsNamingTheKey() throws {
        let error = try #require(throws: ConfigError.self) {
            try AuthorizationServer.configuration(from: Config(["OAUTH2_REFRESH_TOKEN_GENERATOR": 2.5]))
        }
        #expect(error.key == "OAUTH2_REFRESH_TOKEN_GENERATOR")
    }
}
