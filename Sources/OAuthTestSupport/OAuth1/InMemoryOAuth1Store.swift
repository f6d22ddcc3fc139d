import GatehouseCommon
import NIOConcurrencyHelpers
public import OAuth1

/// Every OAuth 1 hook implemented over in-memory dictionaries, without a cache: the "application's
/// own store" path of the seed. Conforms to both ``OAuth1AuthorizationServerHooks`` and
/// ``OAuth1ResourceProtectorHooks`` so one store serves a full three-legged flow.
public final class InMemoryOAuth1Store: OAuth1AuthorizationServerHooks, OAuth1ResourceProtectorHooks {
    private struct State {
        var clients: [String: InMemoryOAuth1Client] = [:]
        var temporaryCredentials: [String: OAuth1TemporaryCredentialRecord] = [:]
        var tokenCredentials: [String: InMemoryOAuth1TokenCredential] = [:]
        var nonces: Set<TimestampNonce> = []
        var deletedTemporaryTokens: [String] = []
    }

    private let state = NIOLockedValueBox(State())

    /// Creates a store holding `clients`.
    public init(clients: [InMemoryOAuth1Client] = []) {
        state.withLockedValue { state in
            for client in clients { state.clients[client.clientID] = client }
        }
    }

    /// Adds or replaces a client.
    public func register(_ client: InMemoryOAuth1Client) {
        state.withLockedValue { $0.clients[client.clientID] = client }
    }

    /// Adds or replaces a token credential.
    public func save(_ credential: InMemoryOAuth1TokenCredential) {
        state.withLockedValue { $0.tokenCredentials[credential.oauthToken] = credential }
    }

    /// Adds or replaces a temporary credential.
    public func save(_ credential: OAuth1TemporaryCredentialRecord) {
        state.withLockedValue { $0.temporaryCredentials[credential.oauthToken] = credential }
    }

    /// The stored temporary credential `token`, if any.
    public func temporaryCredential(_ token: String) -> OAuth1TemporaryCredentialRecord? {
        state.withLockedValue { $0.temporaryCredentials[token] }
    }

    /// The stored token credential `token`, if any.
    public func tokenCredential(_ token: String) -> InMemoryOAuth1TokenCredential? {
        state.withLockedValue { $0.tokenCredentials[token] }
    }

    /// The tokens removed by ``deleteTemporaryCredential(_:)`` or ``consumeTemporaryCredential(_:)``, in order.
    public var deletedTemporaryTokens: [String] { state.withLockedValue { $0.deletedTemporaryTokens } }

    /// The users of the token credentials issued so far (`nil` for two-legged ones).
    public var tokenCredentialUsers: [String?] { state.withLockedValue { $0.tokenCredentials.values.map(\.userID) } }

    /// How many nonces were recorded.
    public var nonceCount: Int { state.withLockedValue { $0.nonces.count } }

    // MARK: OAuth1AuthorizationServerHooks

    public func getClientByID(_ clientID: String) async throws -> (any OAuth1Client)? {
        state.withLockedValue { $0.clients[clientID] }
    }

    public func existsNonce(_ nonce: String, request: OAuth1Request) async throws -> Bool {
        try await existsNonce(
            TimestampNonce(
                nonce: nonce,
                timestamp: request.timestamp ?? "",
                clientID: request.clientID ?? "",
                oauthToken: request.token
            )
        )
    }

    public func createTemporaryCredential(
        _ request: OAuth1Request,
        oauthToken: String,
        oauthTokenSecret: String
    )
        async throws -> any OAuth1TemporaryCredential
    {
        let record = OAuth1TemporaryCredentialRecord(
            clientID: request.clientID ?? "",
            oauthToken: oauthToken,
            oauthTokenSecret: oauthTokenSecret,
            redirectURI: request.callback
        )
        save(record)
        return record
    }

    public func getTemporaryCredential(_ request: OAuth1Request) async throws -> (any OAuth1TemporaryCredential)? {
        guard let token = request.token else { return nil }
        return temporaryCredential(token)
    }

    public func deleteTemporaryCredential(_ request: OAuth1Request) async throws {
        guard let token = request.token else { return }
        state.withLockedValue {
            $0.temporaryCredentials[token] = nil
            $0.deletedTemporaryTokens.append(token)
        }
    }

    public func consumeTemporaryCredential(_ request: OAuth1Request) async throws -> (any OAuth1TemporaryCredential)? {
        guard let token = request.token else { return nil }
        return state.withLockedValue { state -> OAuth1TemporaryCredentialRecord? in
            guard let record = state.temporaryCredentials.removeValue(forKey: token) else { return nil }
            state.deletedTemporaryTokens.append(token)
            return record
        }
    }

    public func createAuthorizationVerifier(
        _ request: OAuth1Request,
        credential: any OAuth1TemporaryCredential,
        grantUser: String
    ) async throws -> String {
        let verifier = TokenGenerator.generate(length: 36)
        try state.withLockedValue { state in
            guard var record = state.temporaryCredentials[credential.oauthToken] else { throw OAuth1Error.invalidToken() }
            guard !record.isAuthorized else { throw OAuth1Error.alreadyAuthorized() }
            record.verifier = verifier
            record.userID = grantUser
            state.temporaryCredentials[credential.oauthToken] = record
        }
        return verifier
    }

    public func createTokenCredential(
        _ request: OAuth1Request,
        temporaryCredential: any OAuth1TemporaryCredential,
        oauthToken: String,
        oauthTokenSecret: String
    ) async throws -> any OAuth1TokenCredential {
        var credential = InMemoryOAuth1TokenCredential(
            clientID: temporaryCredential.clientID,
            oauthToken: oauthToken,
            oauthTokenSecret: oauthTokenSecret
        )
        if let userID = temporaryCredential.userID { credential.setGrantUser(userID) }
        save(credential)
        return credential
    }

    // MARK: OAuth1ResourceProtectorHooks

    public func getTokenCredential(clientID: String, token: String) async throws -> (any OAuth1TokenCredential)? {
        state.withLockedValue { state in
            guard let credential = state.tokenCredentials[token], credential.clientID == clientID else { return nil }
            return credential
        }
    }

    public func existsNonce(_ nonce: TimestampNonce) async throws -> Bool {
        state.withLockedValue { !$0.nonces.insert(nonce).inserted }
    }
}
