/// The compliance-fix hooks of a session (Authlib's `register_compliance_hook`): small functions that
/// bend a non-conforming provider's requests or answers back into shape at fixed stages.
///
/// Request hooks see the ``OAuthClientRequest`` about to be sent (Authlib's `url, headers, body`) and
/// return the one to send; response hooks see the provider's ``OAuthClientResponse`` before it is
/// parsed and return the one to parse. Hooks of one stage run in registration order, each on the
/// output of the previous one. A hook that throws fails the operation with
/// ``OAuthClientError/Code/hookFailed`` (an ``OAuthClientError`` it throws is passed through as is).
///
/// ```swift
/// // A provider that answers {"token": ...} instead of {"access_token": ...}:
/// session.registerComplianceHook(.accessTokenResponse) { response in
///     var response = response
///     response.body = Array(String(decoding: response.body, as: UTF8.self)
///         .replacing("\"token\"", with: "\"access_token\"").utf8)
///     return response
/// }
/// ```
public struct ComplianceHooks: Sendable {
    /// A hook on an outgoing request.
    public typealias RequestHook = @Sendable (OAuthClientRequest) async throws -> OAuthClientRequest
    /// A hook on a provider's answer, before it is parsed.
    public typealias ResponseHook = @Sendable (OAuthClientResponse) async throws -> OAuthClientResponse

    /// The stages at which request hooks run.
    public enum RequestStage: String, Sendable, Hashable, CaseIterable {
        /// Before a token request of any grant is sent (`access_token_request`); for OAuth 1, before the
        /// access-token request is signed.
        case accessTokenRequest = "access_token_request"
        /// Before a refresh-token request is sent (`refresh_token_request`).
        case refreshTokenRequest = "refresh_token_request"
        /// Before a request to a protected resource is sent (`protected_request`); after the bearer
        /// token is added (OAuth 2), before the request is signed (OAuth 1) so the signature covers
        /// the changes.
        case protectedRequest = "protected_request"
        /// Before a revocation request is sent (`revoke_token_request`, RFC 7009).
        case revokeTokenRequest = "revoke_token_request"
        /// Before an introspection request is sent (`introspect_token_request`, RFC 7662).
        case introspectTokenRequest = "introspect_token_request"
        /// Before an OAuth 1 temporary-credential request is signed (`request_token_request`).
        case requestTokenRequest = "request_token_request"
    }

    /// The stages at which response hooks run.
    public enum ResponseStage: String, Sendable, Hashable, CaseIterable {
        /// A token endpoint answer to any grant but refresh, before parsing (`access_token_response`);
        /// for OAuth 1, the access-token answer.
        case accessTokenResponse = "access_token_response"
        /// A token endpoint answer to a refresh, before parsing (`refresh_token_response`).
        case refreshTokenResponse = "refresh_token_response"
        /// An OAuth 1 temporary-credential answer, before parsing (`request_token_response`).
        case requestTokenResponse = "request_token_response"
    }

    private var requestHooks: [RequestStage: [RequestHook]] = [:]
    private var responseHooks: [ResponseStage: [ResponseHook]] = [:]

    /// Creates an empty set of hooks.
    public init() {}

    /// Adds a request hook at `stage`, after those already there.
    ///
    /// - Parameters:
    ///   - stage: when it runs.
    ///   - hook: the function.
    public mutating func register(_ stage: RequestStage, _ hook: @escaping RequestHook) {
        requestHooks[stage, default: []].append(hook)
    }

    /// Adds a response hook at `stage`, after those already there.
    ///
    /// - Parameters:
    ///   - stage: when it runs.
    ///   - hook: the function.
    public mutating func register(_ stage: ResponseStage, _ hook: @escaping ResponseHook) {
        responseHooks[stage, default: []].append(hook)
    }

    /// How many hooks are registered at `stage`.
    public func count(_ stage: RequestStage) -> Int { requestHooks[stage]?.count ?? 0 }

    /// How many hooks are registered at `stage`.
    public func count(_ stage: ResponseStage) -> Int { responseHooks[stage]?.count ?? 0 }

    /// Runs the hooks of `stage` over `request`.
    ///
    /// - Parameters:
    ///   - stage: the stage.
    ///   - request: the request so far.
    /// - Returns: the request to send.
    /// - Throws: ``OAuthClientError`` `hook_failed`, or the ``OAuthClientError`` a hook threw.
    public func apply(
        _ stage: RequestStage,
        to request: OAuthClientRequest
    ) async throws(OAuthClientError)
        -> OAuthClientRequest
    {
        var request = request
        for hook in requestHooks[stage] ?? [] {
            request = try await Self.run(stage.rawValue) { try await hook(request) }
        }
        return request
    }

    /// Runs the hooks of `stage` over `response`.
    ///
    /// - Parameters:
    ///   - stage: the stage.
    ///   - response: the provider's answer.
    /// - Returns: the answer to parse.
    /// - Throws: ``OAuthClientError`` `hook_failed`, or the ``OAuthClientError`` a hook threw.
    public func apply(
        _ stage: ResponseStage,
        to response: OAuthClientResponse
    ) async throws(OAuthClientError)
        -> OAuthClientResponse
    {
        var response = response
        for hook in responseHooks[stage] ?? [] {
            response = try await Self.run(stage.rawValue) { try await hook(response) }
        }
        return response
    }

    static func run<T>(_ name: String, _ body: () async throws -> T) async throws(OAuthClientError) -> T {
        do { return try await body() } catch let error as OAuthClientError { throw error } catch {
            throw OAuthClientError(.hookFailed, message: "the \(name) hook failed: \(error)")
        }
    }
}
