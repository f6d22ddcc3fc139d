import GatehouseCommon
import HTTPTypes

extension OAuth2Error {
    /// Renders the error: a redirect to the client when ``redirect`` is set, JSON otherwise.
    ///
    /// - JSON (RFC 6749 §5.2): `error`, `error_description`, `error_uri`, `state`, with
    ///   `Cache-Control: no-store` and `Pragma: no-cache`, the ``status`` and any
    ///   `WWW-Authenticate` challenge (RFC 6749 §5.2, RFC 6750 §3), and `Retry-After` when throttled.
    /// - Redirect (RFC 6749 §4.1.2.1, §4.2.2.1): the same parameters plus `iss` (RFC 9207) in the
    ///   query, or in the fragment for the implicit grant.
    ///
    /// - Returns: the response to send.
    public func response() -> OAuth2Response {
        var parameters: [(String, String)] = [("error", code.rawValue)]
        if let description = description.map(Self.cleanDescription), !description.isEmpty {
            parameters.append(("error_description", description))
        }
        if let uri = uri.map(Self.cleanURI), !uri.isEmpty { parameters.append(("error_uri", uri)) }
        if let state { parameters.append(("state", state)) }

        if let redirect {
            if let issuer = redirect.issuer { parameters.append(("iss", issuer)) }
            let location = AuthorizationRedirect.build(
                redirect.uri,
                parameters: parameters,
                useFragment: redirect.useFragment
            )
            return .redirect(to: location, status: HTTPResponse.Status(code: redirect.status))
        }
        var headers = HTTPFields()
        if let challenge { headers.append(HTTPField(name: .wwwAuthenticate, value: challengeValue(challenge))) }
        if let retryAfter { headers.append(HTTPField(name: .retryAfter, value: String(retryAfter))) }
        return .json(
            Dictionary(parameters.map { ($0.0, JSONValue.string($0.1)) }, uniquingKeysWith: { first, _ in first }),
            status: HTTPResponse.Status(code: status),
            headers: headers,
            noStore: true
        )
    }

    private func challengeValue(_ challenge: Challenge) -> String {
        switch challenge {
        case .basic(let realm):
            return "Basic realm=\"\(Self.cleanDescription(realm))\""
        case .bearer(let realm, let scope):
            var items: [String] = []
            if let realm { items.append("realm=\"\(Self.cleanDescription(realm))\"") }
            items.append("error=\"\(code.rawValue)\"")
            if let description = description.map(Self.cleanDescription), !description.isEmpty {
                items.append("error_description=\"\(description)\"")
            }
            if let scope { items.append("scope=\"\(Self.cleanDescription(scope))\"") }
            return "Bearer " + items.joined(separator: ", ")
        }
    }

    /// Keeps only the characters RFC 6749 §5.2 allows in `error_description`
    /// (`%x20-21 / %x23-5B / %x5D-7E`: printable ASCII without `"` and `\`).
    public static func cleanDescription(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.filter { scalar in
                    let value = scalar.value
                    return (0x20...0x7E).contains(value) && value != 0x22 && value != 0x5C
                }
            )
        )
    }

    /// Keeps only the characters RFC 6749 §5.2 allows in `error_uri` (`%x21 / %x23-5B / %x5D-7E`).
    static func cleanURI(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.filter { scalar in
                    let value = scalar.value
                    return (0x21...0x7E).contains(value) && value != 0x22 && value != 0x5C
                }
            )
        )
    }
}

/// Builds redirect URIs carrying response parameters in the query or the fragment.
enum AuthorizationRedirect {
    /// Appends `parameters` to `uri`'s query (keeping the query it already has, RFC 6749 §3.1.2)
    /// or sets them as its fragment.
    static func build(_ uri: String, parameters: [(String, String)], useFragment: Bool) -> String {
        let encoded = FormURLEncoding.encode(parameters)
        // A registered redirect URI has no fragment (RFC 6749 §3.1.2); drop one if present.
        let base = uri.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? uri
        if useFragment {
            return base + "#" + encoded
        }
        let separator = base.contains("?") ? (base.hasSuffix("?") || base.hasSuffix("&") ? "" : "&") : "?"
        return base + separator + encoded
    }
}
