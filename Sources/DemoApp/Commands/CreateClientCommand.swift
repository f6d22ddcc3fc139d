import ArgumentParser
import Foundation
import OAuth2
import OAuthStores

/// `DemoApp create-client ...`: registers an OAuth 2 client and prints its credentials as JSON.
struct CreateClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create-client", abstract: "Register an OAuth 2.0 client.")

    @OptionGroup var options: DatabaseOptions
    @Option(help: "The client's name.") var name: String
    @Option(name: .customLong("redirect-uri"), help: "A redirect URI (repeatable).") var redirectURIs: [String] = []
    @Option(name: .customLong("grant-type"), help: "A grant type (repeatable; default authorization_code and refresh_token).")
    var grantTypes: [String] = []
    @Option(name: .customLong("response-type"), help: "A response type (repeatable; default code).") var responseTypes: [String] = []
    @Option(help: "Space-separated scopes the client may ask for.") var scope: String = "profile email notes"
    @Option(name: .customLong("token-endpoint-auth-method"), help: "client_secret_basic, client_secret_post or none.")
    var tokenEndpointAuthMethod: String = "client_secret_basic"

    func validate() throws {
        guard ["client_secret_basic", "client_secret_post", "none"].contains(tokenEndpointAuthMethod) else {
            throw ValidationError("--token-endpoint-auth-method must be client_secret_basic, client_secret_post or none")
        }
        for uri in redirectURIs {
            if let problem = RedirectURIRegistration.problem(with: uri) { throw ValidationError("--redirect-uri \(uri): \(problem)") }
        }
        let known = ["authorization_code", "implicit", "password", "client_credentials", "refresh_token"]
        for grant in grantTypes where !known.contains(grant) { throw ValidationError("unknown --grant-type \(grant)") }
        for response in responseTypes where !["code", "token"].contains(response) {
            throw ValidationError("unknown --response-type \(response)")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let store = try await options.openStore()
            let grants = grantTypes.isEmpty ? ["authorization_code", "refresh_token"] : grantTypes
            let responses = responseTypes.isEmpty ? ["code"] : responseTypes
            let (client, secret) = try await store.createOAuth2Client(
                name: name,
                redirectURIs: redirectURIs,
                grantTypes: Set(grants.map { GrantType($0) }),
                responseTypes: Set(responses.map { ResponseType($0) }),
                scope: scope,
                tokenEndpointAuthMethod: ClientAuthMethod(tokenEndpointAuthMethod),
                ownerUserID: nil
            )
            try await store.close()
            var output = ["client_id": client.clientID]
            if let secret { output["client_secret"] = secret }
            print(try DemoJSON.encode(output))
        }
    }
}

/// `DemoApp create-oauth1-client ...`: registers an OAuth 1 client and prints its credentials as JSON.
struct CreateOAuth1ClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create-oauth1-client", abstract: "Register an OAuth 1.0 client.")

    @OptionGroup var options: DatabaseOptions
    @Option(help: "The client's name.") var name: String
    @Option(name: .customLong("callback-uri"), help: "The callback URI (repeatable; `oob` is always allowed).") var callbackURIs: [String] =
        []
    @Option(name: .customLong("rsa-public-key"), help: "A PEM file with the client's RSA public key, for RSA-SHA1.") var rsaPublicKey:
        String?

    func run() async throws {
        try await reportingErrors {
            var pem: String?
            if let rsaPublicKey {
                guard let text = try? String(contentsOfFile: rsaPublicKey, encoding: .utf8), text.contains("BEGIN PUBLIC KEY") else {
                    throw CommandFailure("--rsa-public-key \(rsaPublicKey) is not a readable PEM public key")
                }
                pem = text
            }
            let store = try await options.openStore()
            let (client, secret) = try await store.createOAuth1Client(
                name: name,
                callbackURIs: callbackURIs,
                rsaPublicKey: pem,
                ownerUserID: nil
            )
            try await store.close()
            print(try DemoJSON.encode(["client_id": client.clientID, "client_secret": secret]))
        }
    }
}

/// Compact, sorted JSON for command output.
enum DemoJSON {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
