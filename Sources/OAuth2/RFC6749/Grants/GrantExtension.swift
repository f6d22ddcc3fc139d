import GatehouseCommon

/// A typed plug-in of a grant, such as ``CodeChallenge`` (PKCE).
///
/// Every hook has a do-nothing default (NIO style). The server calls them after the grant's own
/// validation, for the grants they were registered with:
/// `server.registerGrant(grant, extensions: [CodeChallenge(required: true)])`.
public protocol GrantExtension: Sendable {
    /// Runs after an authorization request was validated; may refuse it or record values
    /// in the grant request. **Default:** does nothing.
    ///
    /// - Throws: an ``OAuth2Error``; the server sends it to the validated redirect URI.
    func validateAuthorizationRequest(_ grantRequest: inout GrantRequest, context: GrantContext) async throws(OAuth2Error)

    /// Runs after a token request was validated (client authenticated, code or credential
    /// loaded) and before the token is issued. **Default:** does nothing.
    func validateTokenRequest(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error)

    /// Members this extension adds to the RFC 8414 metadata. **Default:** none.
    var metadata: [String: JSONValue] { get }
}

extension GrantExtension {
    public func validateAuthorizationRequest(_ grantRequest: inout GrantRequest, context: GrantContext) async throws(OAuth2Error) {}
    public func validateTokenRequest(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) {}
    public var metadata: [String: JSONValue] { [:] }
}
