/// The authorization server metadata document (RFC 8414 §2), served at
/// `/.well-known/oauth-authorization-server`.
///
/// Built by ``AuthorizationServer/metadata`` from what is registered; more members can be set
/// through ``fields``.
public struct AuthorizationServerMetadata: Sendable, Equatable {
    /// The members of the document.
    public var fields: [String: JSONValue]

    /// Creates a document.
    public init(fields: [String: JSONValue] = [:]) {
        self.fields = fields
    }

    /// A member.
    public subscript(name: String) -> JSONValue? {
        get { fields[name] }
        set { fields[name] = newValue }
    }

    /// The problems that make the document invalid per RFC 8414 §2: a missing or non-https
    /// `issuer` (or one with a query or fragment), a missing `response_types_supported`, or a
    /// missing `token_endpoint` while a token grant is listed.
    public var problems: [String] {
        var problems: [String] = []
        if let issuer = fields["issuer"]?.stringValue {
            if !issuer.hasPrefix("https://") { problems.append("issuer must use https") }
            if issuer.contains("?") || issuer.contains("#") { problems.append("issuer must have no query or fragment") }
        } else {
            problems.append("issuer is required")
        }
        if fields["response_types_supported"] == nil { problems.append("response_types_supported is required") }
        let grants = fields["grant_types_supported"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if grants.contains(where: { $0 != GrantType.implicit.rawValue }), fields["token_endpoint"] == nil {
            problems.append("token_endpoint is required")
        }
        return problems
    }

    /// The `200 application/json` response.
    public var response: OAuth2Response { .json(fields) }
}
