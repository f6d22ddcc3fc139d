/// The hooks of a server or protector created before the application supplied its own
/// (`initApp`): every lookup fails, which the endpoints answer with `server_error` and a log line,
/// never with a crash.
public struct UnconfiguredOAuth1Hooks: OAuth1AuthorizationServerHooks, OAuth1ResourceProtectorHooks {
    /// Thrown by every hook until real hooks are set.
    public struct NotConfigured: Error, CustomStringConvertible {
        public var description: String { "OAuth 1 hooks are not configured: call initApp or set hooks first" }
    }

    /// Creates the placeholder hooks.
    public init() {}

    public func getClientByID(_ clientID: String) async throws -> (any OAuth1Client)? { throw NotConfigured() }

    public func createTokenCredential(
        _ request: OAuth1Request,
        temporaryCredential: any OAuth1TemporaryCredential,
        oauthToken: String,
        oauthTokenSecret: String
    ) async throws -> any OAuth1TokenCredential { throw NotConfigured() }

    public func getTokenCredential(clientID: String, token: String) async throws -> (any OAuth1TokenCredential)? { throw NotConfigured() }

    public func existsNonce(_ nonce: TimestampNonce) async throws -> Bool { throw NotConfigured() }
}
