public import Hummingbird
public import NIOCore
public import OAuth1
public import OAuth2

/// What the guards accepted for a request: an OAuth 2 token or an OAuth 1 credential.
public struct OAuthIdentity: Sendable {
    /// The bearer token the OAuth 2 guard accepted.
    public var token: (any OAuth2Token)?
    /// The client and token credential the OAuth 1 guard accepted.
    public var credential: OAuth1AuthorizedRequest?

    /// No identity yet.
    public init() {}
}

/// A request context the Gatehouse guards can write to, the Hummingbird way (as hummingbird-auth
/// keeps identities in the context): handlers read `context.oauth.token` or
/// `context.oauth.credential`; `currentToken` and `currentCredential` work as well.
///
/// ```swift
/// struct AppContext: OAuthRequestContext {
///     var coreContext: CoreRequestContextStorage
///     var oauth = OAuthIdentity()
///     init(source: Source) { coreContext = .init(source: source) }
/// }
/// ```
public protocol OAuthRequestContext: RequestContext {
    /// What the guards accepted.
    var oauth: OAuthIdentity { get set }
}

/// A ready-made ``OAuthRequestContext`` with the remote address (for throttling), for apps that
/// need nothing else in their context.
public struct BasicOAuthRequestContext: OAuthRequestContext, RemoteAddressRequestContext {
    /// Hummingbird's core context.
    public var coreContext: CoreRequestContextStorage
    /// What the guards accepted.
    public var oauth = OAuthIdentity()
    /// The client's address.
    public let remoteAddress: SocketAddress?

    /// Creates the context of one request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
