import GatehouseCommon

/// One client authentication method at the token endpoint (RFC 6749 §2.3), e.g. a
/// `private_key_jwt` implementation registered with ``AuthorizationServer/registerClientAuthenticator(_:)``.
///
/// Built in: `client_secret_basic`, `client_secret_post` and `none`.
public protocol ClientAuthenticator: Sendable {
    /// The method name reported in metadata and matched against the client's registration. **Required.**
    var method: ClientAuthMethod { get }

    /// Authenticates the client if `request` uses this method. **Required.**
    ///
    /// - Returns: the client, or `nil` when the request does not use this method.
    /// - Throws: `invalid_client` when it does but the credentials are wrong.
    func authenticate(_ request: OAuth2Request, server: AuthorizationServer) async throws(OAuth2Error) -> (any OAuth2Client)?
}

/// The RFC 6749 §2.3.1 methods, in the order they are tried.
enum BuiltInClientAuthenticators {
    static let all: [any ClientAuthenticator] = [ClientSecretBasic(), ClientSecretPost(), NoClientAuthentication()]

    /// `Authorization: Basic base64(client_id:client_secret)`.
    struct ClientSecretBasic: ClientAuthenticator {
        var method: ClientAuthMethod { .clientSecretBasic }

        func authenticate(_ request: OAuth2Request, server: AuthorizationServer) async throws(OAuth2Error) -> (any OAuth2Client)? {
            guard let credentials = try request.basicCredentials() else { return nil }
            let realm = server.configuration.realm
            guard let client = try await server.queryClient(id: credentials.username),
                client.checkClientSecret(credentials.password)
            else {
                throw .invalidClient("Client authentication failed.", usedAuthorizationHeader: true, realm: realm)
            }
            return client
        }
    }

    /// `client_id` and `client_secret` in the form body.
    struct ClientSecretPost: ClientAuthenticator {
        var method: ClientAuthMethod { .clientSecretPost }

        func authenticate(_ request: OAuth2Request, server: AuthorizationServer) async throws(OAuth2Error) -> (any OAuth2Client)? {
            guard request.header("authorization") == nil,
                let clientID = request.form["client_id"],
                let secret = request.form["client_secret"]
            else { return nil }
            guard let client = try await server.queryClient(id: clientID), client.checkClientSecret(secret) else {
                throw .invalidClient("Client authentication failed.")
            }
            return client
        }
    }

    /// A public client identified by `client_id` alone.
    struct NoClientAuthentication: ClientAuthenticator {
        var method: ClientAuthMethod { .none }

        func authenticate(_ request: OAuth2Request, server: AuthorizationServer) async throws(OAuth2Error) -> (any OAuth2Client)? {
            guard request.header("authorization") == nil,
                !request.form.contains("client_secret"),
                let clientID = request.form["client_id"]
            else { return nil }
            guard let client = try await server.queryClient(id: clientID) else {
                throw .invalidClient("Client authentication failed.")
            }
            return client
        }
    }
}
