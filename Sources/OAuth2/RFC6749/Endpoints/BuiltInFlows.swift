/// What the server serves for a value given to ``AuthorizationServer/registerGrant(_:extensions:)``
/// or ``AuthorizationServer/registerEndpoint(_:)``.
///
/// A conformer of a built-in hook protocol is served by the core's flow over its hooks (final: a
/// method of the conformer's never replaces it). Its custom conformance, if it has one too, is
/// registered so that it cannot take over what a built-in flow serves.
enum BuiltInFlows {
    /// The core's flow for each built-in grant protocol `grant` conforms to, then `grant` itself when
    /// it is a custom ``TokenEndpointGrant`` or ``AuthorizationEndpointGrant`` (the server tries
    /// grants in registration order, so a built-in `grant_type` or `response_type` reaches the core's flow).
    static func grants(serving grant: some OAuth2Grant) -> [any OAuth2Grant] {
        var served: [any OAuth2Grant] = []
        if let hooks = grant as? any AuthorizationCodeGrant { served.append(codeFlow(hooks)) }
        if let hooks = grant as? any RefreshTokenGrant { served.append(refreshFlow(hooks)) }
        if let hooks = grant as? any ResourceOwnerPasswordCredentialsGrant { served.append(passwordFlow(hooks)) }
        if served.isEmpty || grant is any TokenEndpointGrant || grant is any AuthorizationEndpointGrant {
            served.append(grant)
        }
        return served
    }

    /// `endpoint` itself when it is a custom ``OAuth2Endpoint``, then the core's flow for each
    /// built-in endpoint protocol it conforms to (a later registration under the same name wins, so
    /// the built-in name reaches the core's flow).
    static func endpoints(serving endpoint: some RegistrableEndpoint) -> [any OAuth2Endpoint] {
        var served: [any OAuth2Endpoint] = []
        if let custom = endpoint as? any OAuth2Endpoint { served.append(custom) }
        if let hooks = endpoint as? any RevocationEndpoint { served.append(revocationFlow(hooks)) }
        if let hooks = endpoint as? any IntrospectionEndpoint { served.append(introspectionFlow(hooks)) }
        return served
    }

    private static func codeFlow(_ hooks: some AuthorizationCodeGrant) -> any OAuth2Grant {
        AuthorizationCodeFlow(hooks: hooks)
    }

    private static func refreshFlow(_ hooks: some RefreshTokenGrant) -> any OAuth2Grant {
        RefreshTokenFlow(hooks: hooks)
    }

    private static func passwordFlow(_ hooks: some ResourceOwnerPasswordCredentialsGrant) -> any OAuth2Grant {
        PasswordFlow(hooks: hooks)
    }

    private static func revocationFlow(_ hooks: some RevocationEndpoint) -> any OAuth2Endpoint {
        RevocationFlow(hooks: hooks)
    }

    private static func introspectionFlow(_ hooks: some IntrospectionEndpoint) -> any OAuth2Endpoint {
        IntrospectionFlow(hooks: hooks)
    }
}
