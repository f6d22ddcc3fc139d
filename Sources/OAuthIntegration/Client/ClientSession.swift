public import OAuthClient

/// What a remote app's compliance fix receives: the OAuth 1 or OAuth 2 session about to talk to
/// the provider, on which it registers its hooks (Authlib's `compliance_fix(session)`).
///
/// Both ``/OAuthClient/OAuth1Session`` and ``/OAuthClient/OAuth2Session`` conform. The fix runs on every session the remote
/// app creates (one per flow step or API call), so it must only register hooks, not do I/O.
///
/// ```swift
/// oauth.register("quirky", complianceFix: { session in
///     session.registerComplianceHook(.protectedRequest) { request in
///         var request = request
///         request.headers.replaceOrAdd(name: "X-Api-Version", value: "2")
///         return request
///     }
/// })
/// ```
public protocol ClientSession: AnyObject, Sendable {
    /// Registers a hook on outgoing requests at `stage`.
    ///
    /// - Parameters:
    ///   - stage: the stage (`protectedRequest`, `accessTokenRequest`, ...).
    ///   - hook: gets the request about to be sent and returns the one to send.
    func registerComplianceHook(_ stage: ComplianceHooks.RequestStage, _ hook: @escaping ComplianceHooks.RequestHook)

    /// Registers a hook on the provider's answers at `stage`.
    ///
    /// - Parameters:
    ///   - stage: the stage (`accessTokenResponse`, `refreshTokenResponse`, ...).
    ///   - hook: gets the answer before it is parsed and returns the one to parse.
    func registerComplianceHook(_ stage: ComplianceHooks.ResponseStage, _ hook: @escaping ComplianceHooks.ResponseHook)
}

/// An OAuth 1 session takes a remote app's compliance fix.
extension OAuth1Session: ClientSession {}

/// An OAuth 2 session takes a remote app's compliance fix.
extension OAuth2Session: ClientSession {}
