import GatehouseCommon
public import GatehouseOperations
import Logging

extension AuthorizationServer {
    /// Where this server's audit records go: client authentication, token issuance and
    /// revocation, code and refresh-token reuse. **Default:** ``/GatehouseOperations/Audit/shared`` (the
    /// `gatehouse.audit` logger).
    public var audit: Audit {
        get { state.read { $0.audit } }
        set { state.update("replace the audit log") { $0.audit = newValue } }
    }

    /// Counts and audits what `signal` reports; called by ``emit(_:)`` before the observers.
    ///
    /// Records carry identifiers (`client_id`, `user_id`, `grant_id`), never token values.
    func record(_ signal: OAuth2Signal, audit: Audit) {
        switch signal {
        case .clientAuthenticated(let client, let method):
            audit.record(.clientAuthenticated, metadata: ["client_id": "\(client.clientID)", "method": "\(method.rawValue)"])
        case .tokenIssued(let token, let request):
            metrics.recordTokenIssued(grantType: request.grantType.rawValue)
            audit.record(
                .tokenIssued,
                metadata: Self.identify(
                    [
                        "client_id": "\(request.client.clientID)", "grant_type": "\(request.grantType.rawValue)",
                        "grant_id": "\(token.grantID)",
                    ],
                    userID: request.user?.userID,
                    scope: token.scope
                )
            )
        case .tokenAuthenticated:
            break  // every guarded request: counted by the resource protector, not audited
        case .tokenRevoked(let token):
            audit.record(
                .tokenRevoked,
                metadata: Self.identify(["client_id": "\(token.clientID)", "grant_id": "\(token.grantID ?? "")"], userID: token.userID)
            )
        case .grantRevoked(_, let reason):
            // The id is not logged: a store without families passes the access token in its place.
            audit.record(.grantRevoked, metadata: ["reason": "\(reason)"])
        }
    }

    /// Audits a reused authorization code or refresh token (RFC 9700 §4.14.2), before its family
    /// is revoked.
    func recordReuse(_ event: AuditEvent, clientID: String, grantID: String?) {
        let audit = self.audit
        audit.record(event, metadata: ["client_id": "\(clientID)", "grant_id": "\(grantID ?? "")"])
    }

    /// Counts `error` by code and adds its `error_uri` (``decorate(_:)``): every endpoint passes its
    /// errors through here on their way to the client.
    func reportError(_ error: OAuth2Error) -> OAuth2Error {
        metrics.recordError(error.code.rawValue)
        return decorate(error)
    }

    /// `metadata` plus `user_id` and `scope` when there are such.
    private static func identify(_ metadata: Logger.Metadata, userID: String?, scope: String? = nil) -> Logger.Metadata {
        var metadata = metadata
        if let userID { metadata["user_id"] = "\(userID)" }
        if let scope, !scope.isEmpty { metadata["scope"] = "\(scope)" }
        return metadata
    }
}
