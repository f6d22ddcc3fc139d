import GatehouseCommon
import Synchronization

extension AuthorizationServer {
    /// The RFC 8414 metadata document, built from the configuration and what is registered:
    /// issuer, endpoint URLs, response and grant types, client authentication methods, scopes,
    /// PKCE methods, and `authorization_response_iss_parameter_supported` (RFC 9207 §3).
    public var metadata: AuthorizationServerMetadata {
        let configuration = self.configuration
        let (grants, endpoints, authenticators) = state.read { ($0.grants, $0.endpoints, $0.clientAuthenticators) }
        let available = Set(authenticators.map(\.method))
        var fields: [String: JSONValue] = [:]
        func set(_ name: String, _ value: String?) { if let value { fields[name] = .string(value) } }
        func list(_ values: some Sequence<String>) -> JSONValue { .array(values.sorted().map(JSONValue.string)) }

        set("issuer", configuration.issuer)
        set("authorization_endpoint", configuration.authorizationEndpoint)
        set("token_endpoint", configuration.tokenEndpoint)
        set("jwks_uri", configuration.jwksURI)

        var responseTypes = Set<String>()
        var grantTypes = Set<String>()
        var authMethods = Set<String>()
        var usesFragment = false
        for registered in grants {
            if let grant = registered.grant as? any AuthorizationEndpointGrant {
                let type = type(of: grant)
                responseTypes.formUnion(type.responseTypes.map(\.rawValue))
                usesFragment = usesFragment || type.usesFragment
                if type.responseTypes.contains(.token) { grantTypes.insert(GrantType.implicit.rawValue) }
            }
            if let grant = registered.grant as? any TokenEndpointGrant {
                let type = type(of: grant)
                grantTypes.insert(type.grantType.rawValue)
                authMethods.formUnion(type.tokenEndpointAuthMethods.intersection(available).map(\.rawValue))
            }
            for grantExtension in registered.extensions {
                fields.merge(grantExtension.metadata) { _, new in new }
            }
        }
        fields["response_types_supported"] = list(responseTypes)
        fields["response_modes_supported"] = list(usesFragment ? ["query", "fragment"] : ["query"])
        if !grantTypes.isEmpty { fields["grant_types_supported"] = list(grantTypes) }
        if !authMethods.isEmpty { fields["token_endpoint_auth_methods_supported"] = list(authMethods) }
        if let scopes = configuration.scopesSupported { fields["scopes_supported"] = list(scopes) }
        fields["authorization_response_iss_parameter_supported"] = .bool(configuration.issuer != nil)

        let endpointURLs = [
            "revocation": configuration.revocationEndpoint,
            "introspection": configuration.introspectionEndpoint,
        ]
        for (name, endpoint) in endpoints {
            set("\(name)_endpoint", endpointURLs[name] ?? nil)
            let methods = type(of: endpoint).clientAuthMethods.intersection(available).map(\.rawValue)
            fields["\(name)_endpoint_auth_methods_supported"] = list(methods)
        }
        return AuthorizationServerMetadata(fields: fields)
    }
}
