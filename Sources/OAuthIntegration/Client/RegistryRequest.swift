public import GatehouseCommon

/// The incoming request as the client registry needs it: its browser session, the parameters of
/// a login callback, and the request the current task handles.
///
/// A host framework's request type conforms in its adapter (HTTPCore's `Request` in
/// `OAuthMiddleware`); the registry and its remote apps are generic over it, so the hooks an app
/// registers (`fetchToken`, `saveRequestToken`, ...) receive the framework's own request.
public protocol RegistryRequest: Sendable {
    /// The request the current task is handling, for calls that leave the request out (the Flask
    /// style); `nil` when the framework binds none.
    static var current: Self? { get }

    /// The browser session of this request.
    ///
    /// - Throws: an error when the route has no session (the registry reports it as
    ///   `invalid_configuration`).
    func browserSession() throws -> any BrowserSession

    /// The parameters of an authorization callback: the query, or the form of a `form_post`
    /// answer (OAuth 2.0 Form Post Response Mode).
    func callbackParameters() throws -> Parameters
}
