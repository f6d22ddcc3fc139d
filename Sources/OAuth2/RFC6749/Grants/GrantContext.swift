import GatehouseCommon

/// What a grant sees of the server while it handles one request.
public struct GrantContext: Sendable {
    /// The server: configuration, hooks, client authentication and token helpers.
    public let server: AuthorizationServer
    /// The extensions registered with this grant (e.g. ``CodeChallenge``).
    public let extensions: [any GrantExtension]

    /// Creates a context.
    public init(server: AuthorizationServer, extensions: [any GrantExtension]) {
        self.server = server
        self.extensions = extensions
    }
}
