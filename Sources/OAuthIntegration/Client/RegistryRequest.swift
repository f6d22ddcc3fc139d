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

extension RegistryRequest {
    /// The parameters of an authorization callback, as every adapter reads them: the body of a
    /// `POST` whose `Content-Type` is a form (OAuth 2.0 Form Post Response Mode), else the query.
    ///
    /// - Parameters:
    ///   - isPost: whether the method is `POST`.
    ///   - contentType: the `Content-Type` field, if any.
    ///   - query: the raw query, without `?`.
    ///   - body: reads the body; called only for a form post.
    /// - Throws: `body`'s error; a form-encoding error for a malformed query or form.
    public static func callbackParameters(
        isPost: Bool,
        contentType: String?,
        query: String?,
        body: () async throws -> [UInt8]
    ) async throws -> Parameters {
        if isPost, contentType?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            return try FormURLEncoding.decode(bytes: try await body())
        }
        return try FormURLEncoding.decode(query ?? "")
    }
}
