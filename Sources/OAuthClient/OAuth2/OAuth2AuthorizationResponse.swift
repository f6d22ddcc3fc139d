public import GatehouseCommon

/// A checked authorization callback (RFC 6749 §4.1.2): the `code` to redeem, with the `state` and
/// `iss` it came with.
public struct OAuth2AuthorizationResponse: Sendable, Hashable {
    /// The authorization code.
    public var code: String
    /// The `state` returned, equal to the one sent.
    public var state: String?
    /// The `iss` parameter of RFC 9207, when the provider sent it.
    public var issuer: String?
    /// Every callback parameter, for provider-specific ones.
    public var parameters: Parameters

    /// Creates the value.
    ///
    /// - Parameters:
    ///   - code: the authorization code.
    ///   - state: the returned state.
    ///   - issuer: the returned `iss`.
    ///   - parameters: all callback parameters.
    public init(code: String, state: String?, issuer: String?, parameters: Parameters) {
        self.code = code
        self.state = state
        self.issuer = issuer
        self.parameters = parameters
    }
}
