import GatehouseCommon
public import OAuth2

extension OAuth2Session {
    /// Finds the provider's metadata from its issuer identifier and fills the session's endpoints:
    /// tries the RFC 8414 document (`/.well-known/oauth-authorization-server`, inserted before the
    /// issuer's path, RFC 8414 §3.1), then OpenID Connect Discovery (`{issuer}/.well-known/openid-configuration`,
    /// OpenID Connect Discovery 1.0 §4).
    ///
    /// - Parameter issuer: the issuer identifier, such as `https://accounts.example.com`.
    /// - Returns: the document read.
    /// - Throws: ``OAuthClientError``: the last attempt's error when neither document loads, or
    ///   `issuer_mismatch` when the document names another issuer (RFC 8414 §3.3).
    @discardableResult
    public func discover(issuer: String) async throws(OAuthClientError) -> AuthorizationServerMetadata {
        let trimmed = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        var candidates: [String] = []
        if let split = Self.splitOrigin(trimmed) {
            candidates.append(split.origin + "/.well-known/oauth-authorization-server" + split.path)
        }
        candidates.append(trimmed + "/.well-known/openid-configuration")
        var lastError = OAuthClientError(.invalidConfiguration, message: "\"\(issuer)\" is not an absolute URL")
        for candidate in candidates {
            do {
                return try await loadServerMetadata(from: candidate, expectedIssuer: trimmed)
            } catch  where error.code == .unexpectedStatus || error.code == .malformedResponse {
                lastError = error
            }
        }
        throw lastError
    }

    /// Loads a metadata document (RFC 8414 §3 or OpenID Connect Discovery §4) and fills the session's
    /// ``metadata`` with it. Endpoints given at creation win over the document's.
    ///
    /// The document's `issuer` must equal `expectedIssuer`, or, when that is `nil`, the issuer the
    /// well-known URL was derived from (RFC 8414 §3.3); a URL of another shape is trusted as is.
    ///
    /// - Parameters:
    ///   - url: the metadata document URL.
    ///   - expectedIssuer: the issuer the document must name.
    /// - Returns: the document read.
    /// - Throws: ``OAuthClientError``: `connection_failed`, `unexpected_status`, `malformed_response`
    ///   (not a JSON object, or no `issuer`), `issuer_mismatch`.
    @discardableResult
    public func loadServerMetadata(
        from url: String,
        expectedIssuer: String? = nil
    ) async throws(OAuthClientError) -> AuthorizationServerMetadata {
        let response = try await transport.send(
            OAuthClientRequest(method: .get, url: url, headers: [.accept: "application/json"])
        )
        guard response.isSuccess else { throw Self.unexpectedStatus(response, context: "metadata") }
        guard let object = response.jsonObject else {
            throw OAuthClientError(.malformedResponse, message: "the metadata at \(url) is not a JSON object", status: response.status)
        }
        let document = AuthorizationServerMetadata(fields: object)
        guard let issuer = document.issuer else {
            throw OAuthClientError(.malformedResponse, message: "the metadata at \(url) has no issuer", status: response.status)
        }
        if let expected = expectedIssuer ?? Self.issuer(ofWellKnownURL: url), issuer != expected {
            throw OAuthClientError(
                .issuerMismatch,
                message: "the metadata at \(url) names issuer \"\(issuer)\", expected \"\(expected)\""
            )
        }
        state.withLock { state in
            state.metadata.fields.merge(object) { configured, _ in configured }
        }
        return document
    }

    /// The issuer a well-known metadata URL belongs to, or `nil` for another kind of URL.
    static func issuer(ofWellKnownURL url: String) -> String? {
        guard let split = splitOrigin(url) else { return nil }
        let path = split.path.split(separator: "?").first.map(String.init) ?? split.path
        for name in ["/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"] {
            if path.hasPrefix(name) { return split.origin + path.dropFirst(name.count) }
            if path.hasSuffix(name) { return split.origin + path.dropLast(name.count) }
        }
        return nil
    }

    /// `https://host:port` and the rest of an absolute URL.
    static func splitOrigin(_ url: String) -> (origin: String, path: String)? {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        let afterScheme = url[schemeEnd.upperBound...]
        guard !afterScheme.isEmpty else { return nil }
        let slash = afterScheme.firstIndex(of: "/") ?? url.endIndex
        return (String(url[..<slash]), String(url[slash...]))
    }
}
